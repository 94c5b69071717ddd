"""Demo tables of the evaluation: the eight proposals of the demo topic with their consortium,
personnel and consensus scores, the experts' comments, the minority view and the declared
conflict of interest (read by demo.evaluation)."""

# (coordinator, acronym, title, [(partner, role, personnel)], (women, men), scores)
PROPOSALS = [
    (
        "Politie NL",
        "NETGUARD",
        "Early detection of grooming on social platforms",
        [
            ("Politie NL", "coordinator", "900000"),
            ("DFKI", "beneficiary", "700000"),
            ("Fed. Police BE", "beneficiary", "400000"),
        ],
        (2, 2),
        ("5", "4.5", "4.5"),
    ),
    (
        "INCIBE",
        "SAFE-CHILD",
        "Safer online spaces for children through hotline cooperation",
        [
            ("INCIBE", "coordinator", "800000"),
            ("INHOPE", "beneficiary", "500000"),
            ("APAV", "beneficiary", "460000"),
        ],
        (2, 2),
        ("4.5", "4.5", "4"),
    ),
    (
        "Malta Police",
        "EVIDENT",
        "Evidence standards for cross-border abuse investigations",
        [
            ("Malta Police", "coordinator", "700000"),
            ("ULE", "beneficiary", "500000"),
            ("Web-IQ", "beneficiary", "400000"),
        ],
        (1, 3),
        ("4.5", "4", "4.5"),
    ),
    (
        "Fed. Police BE",
        "HOTLINE-EU",
        "Linking hotlines and police for faster takedown",
        [
            ("Fed. Police BE", "coordinator", "600000"),
            ("INHOPE", "beneficiary", "500000"),
            ("UM", "beneficiary", "340000"),
        ],
        (2, 2),
        ("4", "3.5", "4"),
    ),
    (
        "MIR ES",
        "SENTINEL",
        "Shared intelligence on offender networks",
        [
            ("MIR ES", "coordinator", "600000"),
            ("ZiuZ", "beneficiary", "500000"),
            ("UM", "beneficiary", "300000"),
        ],
        (1, 3),
        ("4", "3.5", "4"),
    ),
    (
        "APAV",
        "CARE-NET",
        "Support networks for child victims during proceedings",
        [
            ("APAV", "coordinator", "500000"),
            ("Child Protection Centre Zagreb", "beneficiary", "400000"),
            ("UM", "beneficiary", "300000"),
        ],
        (3, 1),
        ("3.5", "3.5", "3.5"),
    ),
    (
        "DFKI",
        "TRACE",
        "Tracing image provenance across platforms",
        [
            ("DFKI", "coordinator", "900000"),
            ("UM", "beneficiary", "500000"),
            ("ZiuZ", "beneficiary", "400000"),
        ],
        (1, 2),
        ("2.5", "4", "4"),
    ),
    (
        "ULE",
        "DARKLENS",
        "Analysing hidden services used for abuse material",
        [
            ("ULE", "coordinator", "600000"),
            ("Malta Police", "beneficiary", "400000"),
            ("Web-IQ", "beneficiary", "300000"),
        ],
        (1, 1),
        ("3", "3", "3.5"),
    ),
]

COMMENTS = {
    "excellence": "The objectives are clear and the methodology is sound; the state of the "
    "art is covered, though the ethics of data access could be argued in more depth.",
    "impact": "Credible pathways to uptake by law-enforcement agencies; dissemination to "
    "hotlines and practitioners is well planned.",
    "implementation": "The work plan is coherent and the consortium has the capacity "
    "required; risks are identified with adequate mitigation.",
}
MINORITY = {
    "TRACE": "One expert considered Excellence a 3: the novelty over existing provenance "
    "tools is limited but real. The majority scored 2.5.",
}
CONFLICT = (
    "expert6@demo.example.eu",
    "CARE-NET",
    "Until 2024 I volunteered on the victim helpline of APAV, the coordinator.",
)
