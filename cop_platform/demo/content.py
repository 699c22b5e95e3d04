"""Demo content for the ``seed_demo`` management command.

Pure data: no Django imports, no side effects.

The host organisations and communities, and the texts that describe them, are
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
# Communities, per host slug
# ---------------------------------------------------------------------------

COMMUNITIES = {
    # The seven patient-safety communities of the HIN brochure (2016).
    "hin-south-london": [
        {
            "name": "Medicines Safety",
            "slug": "medicines-safety",
            "domain_statement": (
                "Within medication safety, there are opportunities to reduce "
                "barriers to reporting while strengthening and systematising "
                "learning after incidents. This CoP aims to identify how such "
                "safety issues can be properly and fully addressed."
                "\n\n"
                "Rates of medication incident reporting vary between "
                "organisations and are affected by willingness, time and the "
                "perceived benefit to reporting. The impact on staff groups "
                "involved in incidents varies between health professions: "
                "nurses may be taken off medication administration "
                "immediately while prescribers may not even be informed of "
                "their errors, if another prescriber can be found to correct "
                "the prescription. Reflective learning is the key to "
                "improvement, but learning is poorly executed and documented "
                "in many organisations. Completion of any planned initiatives "
                "may also be unknown if follow-up actions or auditing is not "
                "carried out."
                "\n\n"
                "Reflective learning should occur at both the individual level "
                "(early, proactive, written narrative of events) and at "
                "department or organisational level (documentation of learning "
                "in incident reporting systems, after-action reviews). "
                "Introducing better systems for learning after medication "
                "incidents may reduce the inequality and subsequent "
                "repercussions between professional groups."
            ),
            "status": "active",
            "convener_count": 1,
        },
        {
            "name": "Maternity (Postpartum Haemorrhage)",
            "slug": "maternity-pph",
            "domain_statement": (
                "Postpartum haemorrhage is on the increase across the UK, "
                "especially across London; this CoP will look at postpartum "
                "haemorrhages below 1.5 L of blood loss as this is generally "
                "less well documented."
                "\n\n"
                "The morbidity associated with this condition is often "
                "unrecognised by maternity teams and primary care due to poor "
                "communications between primary and secondary care. It can "
                "adversely affect the mother's bonding and breastfeeding and "
                "her mental health, while being a traumatic experience for "
                "both partners. The CoP aims to explore some of the causes of "
                "non-massive obstetric haemorrhage and improve the care that "
                "the woman receives before, during and after delivery in the "
                "postnatal period."
                "\n\n"
                "The CoP anticipates creating a back-to-basics educational "
                "bundle for midwives and obstetricians but would also like to "
                "improve the care that women receive after the event across "
                "the traditional boundaries of primary and acute care. The CoP "
                "will be made up of two 'core' communities: one composed of "
                "the multi-disciplinary team involved during postpartum "
                "haemorrhage, and the other to include this team plus primary "
                "care providers."
                "\n\n"
                "The community will look to involve interested stakeholders "
                "across south London, using the Safety in Maternity Services "
                "(SIMS) multiprofessional network and the London labour ward "
                "leads (medical) networks. It also looks forward to sourcing "
                "input from women, so that the community can address what is "
                "important to them in these situations, and to engaging "
                "educationalists and improvement methodology experts."
                "\n\n"
                "While the main aim will be to impact on the rates of "
                "postpartum haemorrhage, it is hoped that the learning and "
                "experiences from the CoP methodology can be documented, "
                "disseminated and applied to other areas of women's health."
            ),
            "status": "active",
            "convener_count": 1,
        },
        {
            "name": "Duty of Candour",
            "slug": "duty-of-candour",
            "domain_statement": (
                "Now that Duty of Candour has become a statutory requirement, "
                "there is a danger of organisations prioritising the ticking "
                "of legal boxes, rather than focusing on the most important "
                "aspect of an ethical response to someone who has suffered "
                "avoidable harm."
                "\n\n"
                "The new professional codes help to some extent, but given the "
                "difficulty of having these conversations with patients and "
                "relatives, there is huge scope for the sharing of ideas and "
                "good practice. This CoP aims to articulate the elements of a "
                "positive learning culture by placing patients and their "
                "relatives at its heart and combining support and pastoral "
                "care with fair accountability for staff."
                "\n\n"
                "Its areas of focus include: how to support staff who have "
                "been involved in an incident where harm has occurred; how to "
                "have conversations that meet the expectations of patients and "
                "their families; incident reporting processes; investigations "
                "and after-event reviews; training and core skills; "
                "professional self-evaluation, appraisal and revalidation; "
                "performance management and disciplinary aspects; and pastoral "
                "care and support of staff."
            ),
            "status": "active",
            "convener_count": 2,
        },
        {
            "name": "Medicines Optimisation",
            "slug": "medicines-optimisation",
            "domain_statement": (
                "Over the last four to five years, there has been a national "
                "drive to focus on the new agenda 'Medicines Optimisation', "
                "which was created to maximise the value of medicines for the "
                "patient and deliver better experiences and improved outcomes "
                "for both patients and the NHS itself."
                "\n\n"
                "However, little is known about how best to embed medicines "
                "optimisation into practice and even less about how to measure "
                "success. The co-conveners are working with stakeholders "
                "across the system to establish a CoP to tackle this issue."
                "\n\n"
                "The community will include professionals and patients from "
                "across health and social care, exploring the implications of "
                "the medicines optimisation agenda \"through the eyes of "
                "others\". Medicines optimisation is not the sole "
                "responsibility of pharmacists: everyone across both health "
                "and social care should concentrate their efforts to ensure "
                "patients get the best outcomes from their medicines."
            ),
            "status": "active",
            "convener_count": 2,
        },
        {
            "name": "Sepsis",
            "slug": "sepsis",
            "domain_statement": (
                "Sepsis affects many patients and is associated with a high "
                "mortality rate: it is estimated that 44,000 patients die of "
                "sepsis every year, but 12,500 of these deaths are "
                "preventable."
                "\n\n"
                "Early identification and treatment has been shown to reduce "
                "mortality; although this sounds simple, improving outcome is "
                "actually a multifaceted issue. There are many primary and "
                "secondary drivers at different levels that require optimising "
                "to achieve better outcomes. Many of the drivers are common to "
                "many departments and hospitals while some may be unique. The "
                "purpose of this CoP is to improve understanding of the "
                "drivers, learn from each other and share a vision."
            ),
            "status": "active",
            "convener_count": 1,
        },
        {
            "name": "Acute Deterioration",
            "slug": "acute-deterioration",
            "domain_statement": (
                "Acute physiological deterioration is a precursor to most "
                "cardiac arrests, with 75-80% of adults showing signs of "
                "deterioration prior to arrest. Statistics also reveal that "
                "the survival outcome from an in-hospital cardiac arrest is "
                "poor (7-8%)."
                "\n\n"
                "This CoP believes that a collaborative approach is required "
                "to aid in the earlier recognition of acute physiological "
                "deterioration while exploring strategies to avoid cardiac "
                "arrest. The CoP's data has demonstrated that Early Warning "
                "Scores (EWS) are not always an accurate predictor of cardiac "
                "arrests, and the community has developed an amended cardiac "
                "arrest scoring system that it believes is more sensitive and "
                "specific than EWS alone. The CoP would like to foster a whole "
                "system, multi-trust approach to acute deterioration that "
                "unifies educational, clinical and research domains to improve "
                "patient safety."
            ),
            "status": "active",
            "convener_count": 1,
        },
        {
            "name": "Delirium",
            "slug": "delirium",
            "domain_statement": (
                "Delirium affects large numbers of people directly as well as "
                "their carers, families and the health and social care "
                "community, and is an area in vital need of learning and "
                "improvement."
                "\n\n"
                "This CoP aims to tackle the lack of integrated and combined "
                "recognition and response pathways, approach, knowledge, "
                "action or culture to delirium across the HIN's member "
                "organisations. If the healthcare community could intervene "
                "earlier in the downward trajectory of patients with delirium, "
                "it could improve the experience, quality and safety for all "
                "involved, while reducing costs and improving professional "
                "satisfaction."
                "\n\n"
                "The CoP seeks to address the issue through working closely "
                "with the South London Care and Nursing Homes Network and "
                "focusing on staff training, drawing on clinical teams and "
                "initiatives focused on delirium and dementia and on networks "
                "across south London."
                "\n\n"
                "The CoP offers the possibility to drive change and "
                "improvement through a networked model. Critically, it "
                "represents an exciting opportunity to do things differently "
                "for the benefit of patients, and those who support and treat "
                "them."
            ),
            "status": "active",
            "convener_count": 1,
        },
    ],
    # The twelve communities of the Co-Creation Network booklet (2015). Names
    # follow the booklet's headings; those it calls "emerging" are "forming".
    "co-creation-network": [
        {
            "name": "Community of Safer Medication Practice",
            "slug": "safer-medication-practice",
            "domain_statement": (
                "We are a group of people who think that through our "
                "behaviours we can increase the safety of medicine use. We "
                "want to help each other to improve people's lives, so that "
                "people providing care will find it easier to make people "
                "better, improving processes so that people have more positive "
                "experiences and fewer heart-sinking moments."
                "\n\n"
                "People in the Community of Practice share a passion for "
                "medicines safety, have a 'community spirit' and want to learn "
                "from other people's experiences."
                "\n\n"
                "Being part of the Community of Safer Medication Practice "
                "should feel like being a member of a club: a club that you "
                "look forward to going to so much that you make it a personal "
                "priority."
            ),
            "status": "active",
            "convener_count": 1,
        },
        {
            "name": "Creating a Caring Culture",
            "slug": "caring-culture",
            "domain_statement": (
                "When you wake up on a Monday morning are you looking forward "
                "to your day? Do you set off for work feeling confident in "
                "your ability to have meaningful and positive interactions "
                "with your patients and colleagues?"
                "\n\n"
                "This Community of Practice recognises that hierarchies, "
                "structures and firefighting in the NHS are constant and "
                "against this backdrop wishes to explore the question: 'how do "
                "we (at the frontline) create microsystems that truly care for "
                "the whole and all the parts of it?'"
                "\n\n"
                "We hope to provide an environment which offers inspiration to "
                "members of frontline teams that wish to improve the culture "
                "of their team, and a platform to share learning from teams "
                "that are ahead of the curve."
            ),
            "status": "active",
            "convener_count": 1,
        },
        {
            "name": "Improvement: A Professional Practice",
            "slug": "improvement-professional-practice",
            "domain_statement": (
                "Improvement: a professional practice within the NHS. Do you "
                "believe that Improvement and Change (Service, Quality, "
                "Behaviour and System) should be a professional practice "
                "within the NHS? Improvement and Organisation Development (OD) "
                "practices are at opposite ends of the same science; by "
                "bringing them closer together do we strengthen this "
                "profession of practice? What is that practice? What are the "
                "core competencies (skills, behaviours) of being a "
                "professional improvement scientist (Improvement/OD "
                "practitioner)?"
                "\n\n"
                "If you believe that we need to bring the science of "
                "systems/process and behaviour closer together in the "
                "development and support of Improvement becoming a "
                "professional practice within the NHS, then we would like you "
                "to join our Community of Practice. If you don't, then we "
                "would also like you to join our community."
            ),
            "status": "active",
            "convener_count": 1,
        },
        {
            "name": "Patient and Public Engagement",
            "slug": "patient-public-engagement",
            "domain_statement": (
                "What does patient and public engagement really mean? 'We "
                "need to really listen, to patients, families and carers, in "
                "order to make sure that we provide every patient with a "
                "service that stays true to our core values of care and "
                "compassion' (Francis Report, 2013)."
                "\n\n"
                "Patient and Public Engagement (PPE) is a buzz phrase, but "
                "what does this really mean for health service improvement? "
                "Most people who work in the health service want to do their "
                "best for patients. Many buy into the report's sentiments, but "
                "they don't want to involve patients and service users in a "
                "tokenistic way, feeling that can be worse than not at all."
                "\n\n"
                "This is an invitation to others who want to help services "
                "listen to patients and service users. How can we really "
                "listen? Why don't we listen already? What needs to change?"
            ),
            "status": "active",
            "convener_count": 1,
        },
        {
            "name": "Clinical Microsystems",
            "slug": "clinical-microsystems",
            "domain_statement": (
                "An emerging community looking at the role of microsystems "
                "coaching and the uses of this approach in different "
                "organisations and settings."
                "\n\n"
                "The community grows out of the region's learning partnership "
                "with the Jönköping Health System and Microsystem network, "
                "which aims to help develop high performing, self-improving "
                "health systems by inspiring and supporting front-line "
                "managers and caregivers to lead improvement as part of their "
                "daily work. The Community of Practice methodology, value base "
                "and ethos align well with microsystems theory itself."
            ),
            "status": "forming",
            "convener_count": 1,
        },
        {
            "name": "Mindfulness",
            "slug": "mindfulness",
            "domain_statement": (
                "We are a community of improvement leaders, supporters, "
                "healthcare clinicians, enthusiasts and experts on mindfulness "
                "who share a passionate belief in the benefits of mindfulness "
                "for personal growth, improved emotional intelligence and the "
                "wider organisational benefits of improved outcomes, improved "
                "resilience and well-being. In today's turbulent NHS, "
                "healthcare staff are continuously under relentless pressure "
                "and information overload, and struggle to create the space "
                "required for managing their thoughts and emotions, which can "
                "at times have negative influences on behaviours."
                "\n\n"
                "There is growing evidence that the practice of mindfulness "
                "can result in improved relationships within teams, allows "
                "more creative thinking and improves attention, especially in "
                "shared spaces. Together, we believe that the spread of "
                "mindfulness within healthcare improvement teams and "
                "communities would have positive effects on team working, "
                "team relationships and culture, and deliver better outcomes "
                "and an improved patient experience of care."
            ),
            "status": "active",
            "convener_count": 1,
        },
        {
            "name": "Care Coordination in Primary Care",
            "slug": "care-coordination",
            "domain_statement": (
                "Older people are majority users for many health and social "
                "care services, but modern healthcare systems are mostly "
                "organised around single system illnesses more typically found "
                "in younger people. UK health and social care systems need to "
                "better meet the needs of older people with frailty and their "
                "carers. Older people with frailty frequently need to move "
                "between services and organisations and are therefore "
                "particularly susceptible to the effects of multiple "
                "assessments, delays or simple abandonment, which are the "
                "characteristics of poorly integrated services."
                "\n\n"
                "This CoP will provide members with a platform for knowledge "
                "sharing and peer learning, and support them to demonstrate "
                "improvements in the way vulnerable older people are cared for "
                "in primary care."
            ),
            "status": "active",
            "convener_count": 1,
        },
        {
            "name": "Junior Doctors and their Role in Quality Improvement",
            "slug": "junior-doctors-qi",
            "domain_statement": (
                "Junior doctors are our front-line staff. They see how the "
                "system is functioning well and not so well. Moreover, they "
                "are unique in the way they rotate every year between "
                "different hospitals, and even every month between different "
                "departments or wards."
                "\n\n"
                "As such, they have a wealth of potential ideas for "
                "improvement if they are afforded the opportunity to share "
                "good practice and supported in introducing an improvement "
                "change to their workplace. Our aim is to support our junior "
                "doctors to feel empowered to lead an improvement change at "
                "work."
            ),
            "status": "active",
            "convener_count": 1,
        },
        {
            "name": "Perinatal Care",
            "slug": "perinatal-care",
            "domain_statement": (
                "Every woman is supported in a manner that is conducive to a "
                "good perinatal experience."
                "\n\n"
                "This CoP wishes to ensure a comfortable, safe delivery of a "
                "child for all women by safe, competent practitioners, with "
                "multidisciplinary, interdisciplinary and delivery teams "
                "working in partnership."
            ),
            "status": "active",
            "convener_count": 1,
        },
        {
            "name": "Mindfulness for Patient Safety",
            "slug": "mindfulness-patient-safety",
            "domain_statement": (
                "Investigating the use of mindfulness techniques in ward-based "
                "services and the impact on patients, their families and "
                "staff."
                "\n\n"
                "We plan to deliver a mindfulness-based stress reduction "
                "(MBSR) programme to ward staff in an acute hospital, "
                "supported by providers who will engage both with staff "
                "(running a 10-week mindfulness programme) and with patients, "
                "engaging and developing non-verbal communication through "
                "music and the arts."
                "\n\n"
                "Evidence from a number of sites has suggested that improving "
                "the ability of staff to cope with stress, supporting them to "
                "be 'present in the moment', can have additional benefits in "
                "improving their ability to provide compassionate "
                "person-centred care (potentially reversing the 'compassion "
                "fatigue' which has been shown to result in negative patient "
                "outcomes). We also aim to improve staff wellbeing through "
                "stress reduction, and to engage with elements relating to "
                "situational awareness, to improve awareness of patient needs, "
                "risks and potential harms."
            ),
            "status": "active",
            "convener_count": 1,
        },
        {
            # The booklet lists two facilitator contacts under this heading.
            "name": "Schwartz Rounds Leaders",
            "slug": "schwartz-rounds",
            "domain_statement": (
                "An emerging community examining the best way to introduce and "
                "sustain this technique in different organisations. The plan "
                "is to develop and run Schwartz Rounds in hospitals situated "
                "in the Yorkshire and Humber region."
                "\n\n"
                "Schwartz Rounds are monthly facilitated meetings open to all "
                "trust staff, providing a forum for selected individuals to "
                "present experiences with which they have found an emotional "
                "connection. The rationale behind this process is that, "
                "despite us working in an ever increasingly technological "
                "world, in essence we are all humans sharing human experiences "
                "and emotions."
                "\n\n"
                "The work we deliver in healthcare has an associated cost, "
                "referred to as 'emotional labour': all staff who encounter "
                "human suffering, pain, illness and disease on a regular basis "
                "expend some energy, which if not replenished can result in "
                "fatigue, emotional exhaustion and, in the worst cases, "
                "emotional disengagement with patients, friends and family."
            ),
            "status": "forming",
            "convener_count": 2,
        },
        {
            "name": "Continuous Quality Improvement",
            "slug": "continuous-quality-improvement",
            "domain_statement": (
                "Continuous Improvement: design and culture. Are you curious "
                "about how you truly embed Continuous Improvement as part of "
                "your organisational culture? Are you interested in how "
                "organisational design supports a culture of Continuous "
                "Improvement? Do you question why we rely on organisational "
                "habit, and look for improvements everywhere?"
                "\n\n"
                "Our coming together is founded on the principle that we want "
                "our organisations and their stakeholders to be the best "
                "version of themselves. We'd love you to be part of our "
                "conversation."
            ),
            "status": "forming",
            "convener_count": 1,
        },
    ],
}


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
