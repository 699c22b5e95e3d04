"""What each lived-in demo community has done: its practice, map, meetings with their practice exchanges and
next steps, library and journal. Pure data, read by ``communities.demo``.

Drawn from the seeds (``shared/seeds/``): the HIN brochure's Sepsis, Delirium and Medicines Safety
communities (000), and the Co-Creation Network booklet's Mindfulness and Safer Medication Practice (003).
Every person named here is fictional; addresses are on example.org. Links point at example.org too.

A past meeting is ``(days ago, title, exchange, next steps)``: the exchange is the practice shared at it
(what, cultural side, challenges, barriers overcome, what is missing, help needed); the next steps are
``(action, status)`` for the momentum plan, the month after the meeting.
"""

SEPSIS = {
    "practice": "Screening for sepsis on the wards, in the emergency department and in the ambulance\n"
                "Handover between ambulance, emergency department and wards\n"
                "Talking with families about deterioration",
    "repertoire": "Stories of near misses and what changed afterwards; a shared screening checklist; the "
                  "night-shift huddle; audit templates members have adapted.",
    "who_else": "Care homes and domiciliary care; pharmacists in primary care; patients and families who have "
                "lived through sepsis.",
    "identity": "We want fewer people harmed by late recognition, and we value honesty about what goes wrong.",
    "relationship": "We meet every six weeks, alternate between sites and calls, and keep each other's confidences.",
    "shares": "What my team changed so that screening happens on the first set of observations.",
    "wants_to_learn": "How other trusts give antibiotics within the hour at night and at weekends.",
    "map": [("Dr Imogen Castellane", "imogen.castellane@people.example.org", "Riverbank University Hospitals",
             "Runs the trust's deterioration audit; knows where the data is."),
            ("Tobias Marchetti", "tobias.marchetti@people.example.org", "Southbridge Ambulance Service",
             "Sees what happens before the front door.")],
    "invite": ["winifred.oyelaran@people.example.org", "jasper.kilbride@people.example.org"],
    "meetings": [
        (110, "Getting started: what brings us together",
         ("What screening looks like on each of our sites", ("Each site screens differently; the differences are "
          "the learning."), "Handover gaps between teams", "Named a sepsis lead on every ward",
          "Comparable data across sites", "Help to share audit results safely"),
         [("Collect each site's screening tool and compare them side by side", "done"),
          ("Agree three audit measures we can all collect", "done")]),
        (65, "The night shift",
         ("A 2am huddle on the acute medical unit", "Night staff felt judged by day-time audits",
          "Few senior staff at night", "The night matron led the huddle herself", "Time protected for the huddle",
          "Someone to pull the data monthly"),
         [("Pilot the 2am huddle on two more wards", "in_progress"),
          ("Ask night staff to redesign the screening prompt", "done")]),
        (20, "Families as partners",
         ("Asking families 'is this different from normal?'", "Some staff worried it would slow them down",
          "Leaflets nobody reads", "A one-line question on the observation chart",
          "Translation into other languages", "Patient partners to test the wording"),
         [("Test the families' question on the observation chart for a month", "planned"),
          ("Find two patient partners to review the wording", "planned")]),
    ],
    "next": ("First results: what the audit tells us",
             "1. Welcome\n2. The first audit results, site by site\n3. Next steps",
             "Seminar room 3, Riverbank University Hospitals"),
    "library": [("NICE guideline: sepsis recognition and early management", "https://www.example.org/nice/ng51",
                 "guidance,screening"),
                ("Our shared screening checklist (v3)", "https://www.example.org/convene/screening-checklist",
                 "tools,screening"),
                ("Case study: the 2am huddle", "https://www.example.org/convene/night-huddle",
                 "case study,night shift")],
    "journal": [(50, "Asking families first", ("Families often notice the change before the observations do. "
                 "Asking them 'is this different from normal?' takes ten seconds.")),
                (15, "Night shift is a different world", ("What works on a day shift does not transfer: fewer "
                 "seniors, different rhythms. Ask the night staff to design it."))],
}

DELIRIUM = {
    "practice": "Spotting delirium early with the 4AT, on admission and after a change\n"
                "Caring for people with delirium in care homes and at home\n"
                "Supporting families and carers through an episode",
    "repertoire": "A laminated 4AT card; the 'know me' sheet families fill in; a training hour for care home "
                  "staff; stories from carers.",
    "who_else": "Care and nursing home staff; GPs and community matrons; carers' organisations; old age "
                "psychiatry liaison teams.",
    "identity": "We believe delirium is everyone's business, not a specialist's, and that families are part of "
                "the team.",
    "relationship": "We meet monthly online, visit a care home together twice a year, and share our failures first.",
    "shares": "How our ward made the 4AT part of the admission routine rather than an extra form.",
    "wants_to_learn": "How care homes spot a change in someone they know well, before it reaches hospital.",
    "map": [("Hester Lindqvist", "hester.lindqvist@people.example.org", "Elmcroft Care Home (fictional)",
             "A care home manager who trains her own staff on delirium."),
            ("Dr Anselm Okoro", "anselm.okoro@people.example.org", "Lambourne Borough Council",
             "Commissions care home support; can open doors.")],
    "invite": ["perpetua.vance@people.example.org", "otis.brannigan@people.example.org"],
    "meetings": [
        (95, "Why delirium slips through",
         ("Screening with the 4AT on admission", "Staff see confusion as 'just dementia'",
          "The 4AT sits in a separate form nobody opens", "Moved the 4AT into the admission checklist",
          "Screening after a change, not only on admission", "Training for the weekend teams"),
         [("Share the admission checklist with every trust in the community", "done"),
          ("Count how often the 4AT is repeated after a fall or a new infection", "in_progress")]),
        (50, "A morning in a care home",
         ("How Elmcroft's staff notice 'not themselves'", "Care staff did not feel heard by hospital teams",
          "No common words between care homes and wards", ("A shared 'know me' sheet that travels with the "
          "resident"), "A way to call for advice without a 999 call", "A GP willing to pilot a direct line"),
         [("Pilot the 'know me' sheet with two care homes", "in_progress"),
          ("Write one page on who to call for advice, for care home staff", "planned")]),
        (12, "Families in the room",
         ("A daughter's story of her father's delirium", "Families feel blamed or ignored",
          "Visiting hours that keep families away", "Open visiting for patients with delirium on one ward",
          "Information for families that is not a leaflet", "A carers' organisation to co-write it"),
         [("Ask a carers' organisation to co-write what families need to know", "planned"),
          ("Propose open visiting for patients with delirium on a second ward", "planned")]),
    ],
    "next": ("Training that sticks", "1. Welcome\n2. The care home training hour: what worked\n3. Next steps",
             "Online"),
    "library": [("The 4AT: rapid assessment for delirium", "https://www.example.org/4at", "screening,tools"),
                ("'Know me': a sheet families fill in", "https://www.example.org/convene/know-me",
                 "families,care homes"),
                ("Training hour for care home staff (slides)", "https://www.example.org/convene/delirium-training",
                 "training,care homes")],
    "journal": [(45, "Delirium is not 'just dementia'", ("Half the staff we asked could not say how delirium and "
                 "dementia differ. A single question, 'is this new?', opened the conversation.")),
                (8, "The daughter who knew first", ("She told three people that her father was not himself before "
                 "anyone screened him. We now ask families on every ward round."))],
}

MEDICINES_SAFETY = {
    "practice": "Learning from medication incidents without blame\n"
                "Reflective practice after an error, for nurses and prescribers alike\n"
                "Safer prescribing for older people on many medicines",
    "repertoire": "A template for a written reflection after an incident; a 20-minute after-action review; "
                  "reporting data from four trusts, compared each quarter.",
    "who_else": "Prescribers who rarely hear about their errors; community pharmacists; patients who manage "
                "their own medicines.",
    "identity": "We want learning, not blame, when a medication error happens, whoever made it.",
    "relationship": "We meet every two months, rotate the chair, and share reports only with the reporter's "
                    "agreement.",
    "shares": "How our team reviews an incident in twenty minutes, the same week, with everyone involved.",
    "wants_to_learn": "Why reporting rates differ so much between trusts, and what encourages people to report.",
    "map": [("Ruairi Westbrook", "ruairi.westbrook@people.example.org", ("Harbourside Community Pharmacy "
             "(fictional)"), "A community pharmacist who sees discharge errors first."),
            ("Dr Leontine Farr", "leontine.farr@people.example.org", "Riverbank University Hospitals",
             "A junior doctor who wrote a reflection the whole trust learnt from.")],
    "invite": ["cosima.achterberg@people.example.org", "bartholomew.nkemelu@people.example.org"],
    "meetings": [
        (120, "Blame or learning?",
         ("What happens to a nurse after a medication error", ("Nurses are taken off administration; prescribers "
          "may never hear"), "Fear of being reported", "A ward manager who talks to both, the same day",
          "The same process for every profession", "Someone to draft a shared reflection template"),
         [("Draft one reflection template for all professions", "done"),
          ("Collect each trust's reporting rate for the last year", "done")]),
        (70, "Twenty-minute reviews",
         ("An after-action review held the same week", "Reviews felt like hearings", ("Finding twenty minutes "
          "with everyone there"), "Held on the ward, at handover, with tea", "A guide for whoever facilitates",
          "Two volunteers to try it in another trust"),
         [("Try the twenty-minute review in a second trust", "in_progress"),
          ("Write a one-page guide for facilitators", "in_progress")]),
        (25, "Older people, many medicines",
         ("A pharmacist's review of people on ten or more medicines", ("GPs and wards each assume the other "
          "reviews"), "No shared list of what was stopped and why", "A discharge note that says what changed",
          "A community pharmacist in the loop", "An introduction to local community pharmacies"),
         [("Invite two community pharmacists to the next meeting", "planned"),
          ("Test the 'what changed' discharge note on one ward", "planned")]),
    ],
    "next": ("Reporting without fear", "1. Welcome\n2. Four trusts' reporting rates, compared\n3. Next steps",
             "Learning centre, Riverbank University Hospitals"),
    "library": [("A reflection template for every profession", "https://www.example.org/convene/reflection",
                 "reflection,templates"),
                ("Running a twenty-minute after-action review", "https://www.example.org/convene/aar",
                 "incidents,tools"),
                ("Medicines reviews for older people: a checklist", "https://www.example.org/convene/polypharmacy",
                 "older people,prescribing")],
    "journal": [(60, "Reflection is not a punishment", ("When the nurse and the prescriber wrote their reflections "
                 "together, the learning was about the system, not the person.")),
                (18, "Tea helps", ("The review held at handover with tea got everyone talking; the one in the "
                 "manager's office got silence."))],
}

MINDFULNESS = {
    "practice": "A short mindfulness practice to open and close meetings\n"
                "Making space to think in busy improvement teams\n"
                "Bringing compassion into team conversations",
    "repertoire": "Three-minute breathing space scripts; a recording for people who join late; a quiet-room "
                  "guide for wards.",
    "who_else": "Ward teams under pressure; junior doctors; managers who chair difficult meetings.",
    "identity": "We believe a few quiet minutes make a meeting more honest, more creative and kinder.",
    "relationship": "We meet monthly, always start with a practice, and anyone can lead it.",
    "shares": "The three-minute breathing space I use before every handover.",
    "wants_to_learn": "How to offer mindfulness to a sceptical team without it feeling imposed.",
    "map": [("Beatrix Ellingham", "beatrix.ellingham@people.example.org", ("Moorside Mental Health Trust "
             "(fictional)"), "Teaches mindfulness-based stress reduction to staff."),
            ("Idris Pemberton", "idris.pemberton@people.example.org", "Dalesview Medical Practice (fictional)",
             "A GP who opens practice meetings with a minute of silence.")],
    "invite": ["marisol.heathcote@people.example.org", "fergus.adeyemi@people.example.org"],
    "meetings": [
        (100, "Arriving: why we start with a practice",
         ("A three-minute breathing space at the start of meetings", ("Some felt awkward closing their eyes at "
          "work"), "Meetings that start late and run over", "Eyes open is fine; the chair goes first",
          "A recording for people who cannot lead one", "Someone to record a practice"),
         [("Record a three-minute practice anyone can play", "done"),
          ("Each member opens one of their own meetings with a practice", "done")]),
        (55, "Mindfulness on a busy ward",
         ("A quiet room on an acute ward", "Staff felt guilty leaving the floor", "No space and no cover",
          "Two minutes at handover, standing, for the whole team", "Support from ward managers",
          "A manager willing to try it"),
         [("Try two minutes at handover on one ward for a month", "in_progress"),
          ("Write a one-page guide to a quiet room", "done")]),
        (15, "Compassion and power",
         ("Kindness in a difficult conversation", "Mindfulness alone can hide a toxic culture",
          "Hierarchy in the room", "Naming power openly at the start", "Voices from junior staff",
          "A junior doctor to co-lead a session"),
         [("Invite junior doctors to co-lead a session", "planned"),
          ("Share the handover trial's findings with the network", "planned")]),
    ],
    "next": ("A practice for Basecamp", "1. Arriving practice\n2. Planning the Basecamp session\n3. Next steps",
             "Online"),
    "library": [("Three-minute breathing space (recording)", "https://www.example.org/convene/breathing-space",
                 "practice,recordings"),
                ("Mindful Nation UK: interim report", "https://www.example.org/mindful-nation", "evidence,policy"),
                ("A quiet room on a ward: a one-page guide", "https://www.example.org/convene/quiet-room",
                 "wards,guides")],
    "journal": [(40, "Eyes open is fine", ("Nobody has to close their eyes. Saying so at the start made the "
                 "sceptics join in.")),
                (10, "Two minutes, standing", ("The whole team stood still for two minutes at handover; the "
                 "handover afterwards was calmer and shorter."))],
}

SAFER_MEDICATION = {
    "practice": "Safer use of medicines through everyday behaviours\n"
                "Fewer 'heart-sinking moments' at discharge and transfer\n"
                "Learning from other people's experiences with medicines",
    "repertoire": "Stories of heart-sinking moments and what fixed them; a checklist for medicines at transfer "
                  "of care; a club-style monthly meeting.",
    "who_else": "Care home staff who give medicines; patients and carers; hospital discharge teams.",
    "identity": "A club you look forward to: we share a passion for medicines safety and a community spirit.",
    "relationship": "We meet monthly in person, take turns hosting, and bring one story each.",
    "shares": "The checklist our discharge team uses for medicines at transfer of care.",
    "wants_to_learn": "How care homes check medicines when a resident comes back from hospital.",
    "map": [("Gwendolyn Asante", "gwendolyn.asante@people.example.org", "Northfield Care Group (fictional)",
             "Leads medicines training across twelve care homes."),
            ("Caspian Mordaunt", "caspian.mordaunt@people.example.org", "Humberside Patients' Forum (fictional)",
             "A patient who manages fourteen medicines and has ideas.")],
    "invite": ["henrietta.obi@people.example.org", "lachlan.fairweather@people.example.org"],
    "meetings": [
        (105, "Heart-sinking moments",
         ("A discharge with the wrong insulin", "Nobody wanted to own the error", "Three teams, three lists",
          "A pharmacist called the care home the same day", "One list of medicines that travels with the person",
          "Care home staff in the conversation"),
         [("Collect one heart-sinking story from each member", "done"),
          ("Map who holds the medicines list at each step of a discharge", "done")]),
        (60, "Medicines at transfer of care",
         ("A transfer checklist tested on one ward", "Checklists felt like more paperwork",
          "Time pressure at discharge", "Checked with the patient, not about them", "A version for care homes",
          "A care home willing to test it"),
         [("Test the transfer checklist with one care home", "in_progress"),
          ("Ask the patients' forum to review the checklist", "in_progress")]),
        (18, "The patient's own list",
         ("A patient who carries his own medicines list", "Staff did not trust a handwritten list",
          "Lists that go out of date", "Staff check it with him instead of replacing it",
          "A simple way for patients to keep a list up to date", "Ideas from the patients' forum"),
         [("Design a patient-held medicines list with the forum", "planned"),
          ("Share the transfer checklist results at Basecamp", "planned")]),
    ],
    "next": ("A club evening: your best fix", "1. Welcome\n2. Three members, three fixes\n3. Next steps",
             "Community room, Northfield Care Group"),
    "library": [("Medicines at transfer of care: our checklist", "https://www.example.org/convene/transfer-checklist",
                 "discharge,checklists"),
                ("Heart-sinking moments: stories we collected", "https://www.example.org/convene/stories",
                 "stories,learning"),
                ("A patient-held medicines list (draft)", "https://www.example.org/convene/my-medicines",
                 "patients,tools")],
    "journal": [(55, "Own the error, fix the system", ("Once the insulin story was told without a name, three "
                 "members recognised the same gap in their own discharge.")),
                (12, "Check with, not about", ("Asking the patient to walk us through his list found two "
                 "medicines nobody had recorded."))],
}

LIVED_IN = {
    "hin-south-london": {"sepsis": SEPSIS, "delirium": DELIRIUM, "medicines-safety": MEDICINES_SAFETY},
    "co-creation-network": {"mindfulness": MINDFULNESS, "safer-medication-practice": SAFER_MEDICATION},
}
