"""The twelve communities of the Yorkshire & Humber Co-Creation Network booklet (2015). Names follow
the booklet's headings; those it calls "emerging" are "forming".

Pure data: no Django imports, no side effects. Domain statements are taken or closely adapted from the
source document; names of the real conveners and facilitators have been left out.
"""

COMMUNITIES = [
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
]
