"""Demo content for the ``seed_demo`` management command.

Pure data: no Django imports, no side effects.

The host organisations and the texts that describe them (their communities are in
``communities/demo_content.py``) are
drawn from two of the source documents in ``shared/seeds/``:

* Health Innovation Network (HIN) South London, *Patient Safety Communities of
  Practice* brochure (2016), with the AHSN Network leaflet *Communities of
  Practice - Cultivating Change Through Collaboration* (2015) for the
  Maternity (postpartum haemorrhage) community;
* Yorkshire & Humber *Co-Creation Network* booklet (2015).

Domain statements are taken or closely adapted from those documents; names of
the real conveners and facilitators have been left out. Member organisations
are real NHS bodies (organisations, not people); an ODS code is given only
where it is certain, otherwise "".

All people in ``PEOPLE`` are fictional. None of them is, or is meant to be, a
person named in the source documents. The command builds their e-mail
addresses on reserved example domains.
"""

# ---------------------------------------------------------------------------
# Host organisations (tenants)
# ---------------------------------------------------------------------------

HOSTS = [
    {
        "slug": "hin-south-london",
        "name": "Health Innovation Network South London",
        "short_description": (
            "The HIN is the Academic Health Science Network (AHSN) for South "
            "London, one of 15 AHSNs across England. It connects academics, "
            "NHS commissioners and providers, local authorities, patients "
            "groups and industry, in order to accelerate the spread and "
            "adoption of innovation and best practice. Its Patient Safety "
            "Collaborative hosts Communities of Practice because their ethos, "
            "which ensures individuals from a wide range of organisations and "
            "backgrounds can contribute as equals, fits a system-wide, rather "
            "than organisation-limited, approach to NHS challenges."
        ),
        "contact_email": "cop@hin.example.org",
        "member_organisations": [
            ("Guy's and St Thomas' NHS Foundation Trust", "RJ1"),
            ("King's College Hospital NHS Foundation Trust", "RJZ"),
            ("South London and Maudsley NHS Foundation Trust", "RV5"),
            ("Lewisham and Greenwich NHS Trust", "RJ2"),
            ("Croydon Health Services NHS Trust", "RJ6"),
            ("St George's University Hospitals NHS Foundation Trust", "RJ7"),
            ("Kingston Hospital NHS Foundation Trust", "RAX"),
            ("Epsom and St Helier University Hospitals NHS Trust", "RVR"),
            ("Oxleas NHS Foundation Trust", "RPG"),
            ("South West London and St George's Mental Health NHS Trust", "RQY"),
            ("NHS Lewisham CCG", "08L"),
            ("NHS Merton CCG", "08R"),
        ],
    },
    {
        "slug": "co-creation-network",
        "name": "Yorkshire & Humber Co-Creation Network",
        "short_description": (
            "The Co-Creation Network is a constellation of communities of "
            "practice, each of which may comprise individual practitioners "
            "and/or microsystems, supported by the Yorkshire and the Humber "
            "Leadership Academy and the Improvement Academy. It supports "
            "people to come together collaboratively as equals to identify "
            "what they really care about and want to see change in health and "
            "social care, creating a protected space where new ideas, "
            "knowledge and practices can be nurtured and grown."
        ),
        "contact_email": "support@cocreation.example.org",
        "member_organisations": [
            ("Yorkshire Ambulance Service NHS Trust", "RX8"),
            ("Leeds Teaching Hospitals NHS Trust", "RR8"),
            ("Northern Lincolnshire and Goole Hospitals NHS Foundation Trust", "RJL"),
            ("Hull and East Yorkshire Hospitals NHS Trust", "RWA"),
            ("Bradford Teaching Hospitals NHS Foundation Trust", "RAE"),
            ("Sheffield Teaching Hospitals NHS Foundation Trust", "RHQ"),
            ("York Teaching Hospital NHS Foundation Trust", "RCB"),
            ("Doncaster and Bassetlaw Hospitals NHS Foundation Trust", "RP5"),
            ("NHS North East Lincolnshire CCG", "03H"),
            ("NHS North Kirklees CCG", "03J"),
        ],
    },
]


# ---------------------------------------------------------------------------
# People (all fictional)
# ---------------------------------------------------------------------------

PEOPLE = [
    {"first_name": "Amara", "last_name": "Okonkwo", "profession": "Pharmacist", "job_title": "Lead Pharmacist, Medication Safety"},
    {"first_name": "Gareth", "last_name": "Pembrey", "profession": "Consultant physician", "job_title": "Consultant in Acute Medicine"},
    {"first_name": "Siobhan", "last_name": "Maguire", "profession": "Midwife", "job_title": "Labour Ward Coordinator"},
    {"first_name": "Priya", "last_name": "Raghunathan", "profession": "Consultant obstetrician", "job_title": "Consultant Obstetrician and Labour Ward Lead"},
    {"first_name": "Tomasz", "last_name": "Wierzbicki", "profession": "Nurse", "job_title": "Critical Care Outreach Nurse"},
    {"first_name": "Helen", "last_name": "Ashworth-Lyle", "profession": "Patient safety lead", "job_title": "Head of Patient Safety and Risk"},
    {"first_name": "Kwame", "last_name": "Asante", "profession": "GP", "job_title": "GP Partner and Clinical Lead for Frailty"},
    {"first_name": "Rebecca", "last_name": "Thistlewood", "profession": "Improvement advisor", "job_title": "Senior Quality Improvement Advisor"},
    {"first_name": "Fiona", "last_name": "Drummond", "profession": "Occupational therapist", "job_title": "Clinical Specialist Occupational Therapist, Older People"},
    {"first_name": "Daniel", "last_name": "Ferreira", "profession": "Emergency medicine consultant", "job_title": "Consultant in Emergency Medicine"},
    {"first_name": "Nadia", "last_name": "Haddad", "profession": "Pharmacist", "job_title": "Medicines Optimisation Pharmacist, Primary Care"},
    {"first_name": "Oliver", "last_name": "Brackenbury", "profession": "Junior doctor", "job_title": "Foundation Year 2 Doctor"},
    {"first_name": "Mei", "last_name": "Lin-Carter", "profession": "Geriatrician", "job_title": "Consultant Geriatrician"},
    {"first_name": "Bernadette", "last_name": "Quayle", "profession": "Nurse", "job_title": "Matron, Older People's Services"},
    {"first_name": "Rhys", "last_name": "Llewellin", "profession": "Paramedic", "job_title": "Clinical Quality Lead Paramedic"},
    {"first_name": "Aisha", "last_name": "Bello", "profession": "Midwife", "job_title": "Community Midwife"},
    {"first_name": "Graham", "last_name": "Holroyd", "profession": "Organisation development practitioner", "job_title": "Organisational Development Lead"},
    {"first_name": "Sunita", "last_name": "Varma", "profession": "Psychiatrist", "job_title": "Consultant Liaison Psychiatrist"},
    {"first_name": "Kathleen", "last_name": "Brennock", "profession": "Patient and public representative", "job_title": "Patient Safety Partner"},
    {"first_name": "Marcus", "last_name": "Adeyemi-Jones", "profession": "Resuscitation officer", "job_title": "Senior Resuscitation Practitioner"},
    {"first_name": "Eleanor", "last_name": "Faircloth", "profession": "Clinical psychologist", "job_title": "Principal Clinical Psychologist, Staff Wellbeing"},
    {"first_name": "Yusuf", "last_name": "Chaudhry", "profession": "Commissioner", "job_title": "Head of Quality and Safety Commissioning"},
    {"first_name": "Harriet", "last_name": "Pennington", "profession": "Nurse", "job_title": "Sepsis Nurse Specialist"},
    {"first_name": "Callum", "last_name": "Strachan", "profession": "Improvement advisor", "job_title": "Improvement Programme Manager"},
    {"first_name": "Joanna", "last_name": "Whitlock", "profession": "Physiotherapist", "job_title": "Advanced Practice Physiotherapist"},
    {"first_name": "Ifeoma", "last_name": "Nwachukwu", "profession": "Pharmacy technician", "job_title": "Senior Pharmacy Technician, Ward Services"},
    {"first_name": "Stuart", "last_name": "Kettlewell", "profession": "Care home manager", "job_title": "Registered Manager, Nursing Home"},
    {"first_name": "Lucia", "last_name": "Moretti", "profession": "Anaesthetist", "job_title": "Consultant Obstetric Anaesthetist"},
    {"first_name": "Patrick", "last_name": "Devlin", "profession": "Healthcare assistant", "job_title": "Senior Healthcare Assistant"},
    {"first_name": "Rosalind", "last_name": "Achterberg", "profession": "Nurse", "job_title": "Deputy Chief Nurse, Patient Experience"},
]
