"""The seven patient-safety communities of the HIN South London brochure (2016), with the AHSN
Network leaflet (2015) for the Maternity (postpartum haemorrhage) community.

Pure data: no Django imports, no side effects. Domain statements are taken or closely adapted from the
source document; names of the real conveners and facilitators have been left out.
"""

COMMUNITIES = [
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
]
