"""Reading PDFs back in tests (pypdf), and a loopback HTTP server that counts the requests it gets."""

import http.server
import io
import threading

import pypdf


def pdf_reader(content):
    return pypdf.PdfReader(io.BytesIO(content))


def pdf_text(content):
    return "\n".join(page.extract_text() or "" for page in pdf_reader(content).pages)


def embedded_things(content):
    """Every way a PDF can carry a file: the EmbeddedFiles name tree, file-attachment annotations, and
    any /EmbeddedFile stream anywhere in the body."""
    reader = pdf_reader(content)
    found = []
    root = reader.trailer["/Root"]
    names = root.get("/Names")
    if names is not None and "/EmbeddedFiles" in names.get_object():
        found.append("EmbeddedFiles name tree")
    if reader.attachments:
        found.append(f"attachments {sorted(reader.attachments)}")
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            if annotation.get_object().get("/Subtype") == "/FileAttachment":
                found.append(f"file attachment annotation on page {number + 1}")
    if b"/EmbeddedFile" in content:
        found.append("an /EmbeddedFile stream")
    return found


class LoopbackServer:
    """``with LoopbackServer() as server:`` a real HTTP server on 127.0.0.1; ``server.requests`` lists the
    paths it was asked for (it must stay empty when the PDF renderer refuses the network)."""

    def __enter__(self):
        requests = self.requests = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                requests.append(self.path)
                body = b"h1 { color: red }" if self.path.endswith(".css") else b"LOOPBACK-SECRET"
                self.send_response(200)
                self.send_header("Content-Type", "text/css" if self.path.endswith(".css") else "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()


def hostile_payloads(loopback_url):
    """HTML that tries every way out of the static folder (each must be refused)."""
    return {
        "file_url_image": '<img src="file:///etc/passwd" alt="x">',
        "loopback_image": f'<img src="{loopback_url}/image.png" alt="x">',
        "loopback_stylesheet": f'<link rel="stylesheet" href="{loopback_url}/sheet.css">',
        "css_import_loopback": f'<style>@import url("{loopback_url}/imported.css");</style>',
        "attachment_passwd": '<link rel="attachment" href="file:///etc/passwd" title="passwd">',
        "anchor_attachment": '<a rel="attachment" href="file:///etc/passwd">passwd</a>',
        "attachment_loopback": f'<link rel="attachment" href="{loopback_url}/secret.txt">',
        "svg_image_outside": '<svg width="10" height="10"><image href="file:///etc/passwd" width="10" '
                             'height="10"/></svg>',
        "svg_image_loopback": f'<svg width="10" height="10"><image href="{loopback_url}/svg.png" width="10" '
                              'height="10"/></svg>',
        "percent_encoded_dotdot": '<img src="pdf/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd" alt="x">',
        "percent_encoded_slash": '<img src="pdf/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd" alt="x">',
        "css_background_file": '<div style="background: url(file:///etc/passwd)">x</div>',
    }
