"""Texts of the demo pages (from DOMAIN.md and the public record)."""

HOME_BODY = (
    "<p>The EU strategy for a more effective fight against child sexual abuse (COM(2020) 607) "
    "brings together legislation, law enforcement, prevention, victim support and "
    "international cooperation. This site publishes the ISF-Police and Horizon Europe calls "
    "that fund this work, the projects they fund, and the cooperation of the EU Internet "
    "Forum and the WeProtect Global Alliance.</p>"
)

STRATEGY_INTRO = (
    "Adopted on 24 July 2020 for 2020–2025, the strategy sets out eight initiatives to "
    "implement and develop the right legal framework, strengthen the law-enforcement "
    "response and facilitate a coordinated multi-stakeholder response on prevention, "
    "investigation and assistance to victims."
)

INITIATIVES = [
    (
        "Full implementation of the current legislation",
        "Ensure Directive 2011/93/EU on combating the sexual abuse and sexual exploitation of "
        "children is fully applied in every Member State.",
        [
            "Infringement procedures where transposition is incomplete",
            "Support to Member States on prevention and assistance to victims",
        ],
    ),
    (
        "EU legislation that allows an effective response",
        "Make sure online service providers can detect and report child sexual abuse, with "
        "the safeguards the law requires.",
        [
            "Legislation requiring relevant online services to detect and report known material",
            "Interim rules so voluntary detection can continue",
        ],
    ),
    (
        "Mapping legislative gaps, best practices and priority actions",
        "Study where the legal framework falls short and what works in practice.",
        ["A study of gaps, best practices and priority actions", "Follow-up on its findings"],
    ),
    (
        "Stronger law-enforcement efforts at national and EU level",
        "Give police and judicial authorities the tools, skills and cooperation they need.",
        [
            "An innovation hub and lab at Europol's European Cybercrime Centre (EC3)",
            "Funding through ISF-Police and Horizon Europe research projects",
            "Training through CEPOL and cooperation through Eurojust",
        ],
    ),
    (
        "Prevention",
        "Prevent abuse before it happens, through an EU-wide network of practitioners and "
        "researchers.",
        [
            "Working groups by practice: health, social work, education, law enforcement, "
            "judiciary, prisons, policy makers and researchers",
            "Programmes for people who fear they may offend, and for children, families and "
            "communities",
        ],
    ),
    (
        "A European centre to prevent and counter child sexual abuse",
        "One place for prevention, support to victims and support to law enforcement.",
        [
            "Assess the options for the centre",
            "Support to victims and to research across the EU",
        ],
    ),
    (
        "Industry efforts through the EU Internet Forum",
        "Ministers, industry and Europol working together to protect children online.",
        [
            "A technical expert process on detecting abuse in end-to-end encrypted communications",
            "Voluntary commitments by online service providers",
        ],
    ),
    (
        "Global multi-stakeholder cooperation",
        "Work with governments, companies and civil society worldwide through the WeProtect "
        "Global Alliance (in 2020: 97 governments, 32 technology companies, 33 civil-society "
        "and international organisations, 5 regional organisations).",
        [
            "Support to the Model National Response",
            "Cooperation with Interpol's ICSE database and the INHOPE hotlines",
        ],
    ),
]

NEWS = [
    (
        "7th EU Internet Forum ministerial meeting: protecting children online",
        "eu-internet-forum-7th-ministerial",
        (2021, 12, 8),
        "Ministers, Europol and industry met on protecting children; TikTok, Twitch, Yubo and "
        "Discord joined the Forum.",
        "<p>The seventh ministerial meeting of the EU Internet Forum, on 8 December 2021, was "
        "devoted to protecting children from sexual abuse online. TikTok, Twitch, Yubo and "
        "Discord joined the Forum.</p>",
    ),
    (
        "ISF-Police call on preventing and combating child sexual abuse",
        "isf-police-2021-csa-call",
        (2021, 11, 16),
        "€16 million for prevention, assistance to victims and the technical capacity to "
        "detect, investigate and prosecute online abuse; deadline 24 February 2022.",
        "<p>The 2021 ISF-Police call funds projects of 24 months with grants from €500,000 "
        "to €4 million. Proposals were due on 24 February 2022 at 17:00:00 Brussels time.</p>",
    ),
    (
        "6th EU Internet Forum ministerial meeting: detection in encrypted communications",
        "eu-internet-forum-6th-ministerial",
        (2021, 1, 25),
        "The expert process on detecting child sexual abuse in end-to-end encrypted "
        "communications presented its outcome.",
        "<p>On 25 January 2021 the EU Internet Forum's ministerial meeting received the outcome "
        "of the technical expert process on detecting child sexual abuse in end-to-end "
        "encrypted communications.</p>",
    ),
]

ABOUT_BODY = (
    "<p>This platform supports the programme managers who run the ISF-Police and Horizon "
    "Europe calls, the organisations that apply to them, the experts who evaluate proposals, "
    "and the secretariat of the EU Internet Forum. Calls, proposals, evaluations, funded "
    "projects and commitments are recorded here; every deadline is given in Brussels time.</p>"
)

ACCESSIBILITY_BODY = (
    "<p>We want everyone to be able to use this site. It aims to meet the Web Content "
    "Accessibility Guidelines (WCAG) 2.1 at level AA, as Directive (EU) 2016/2102 requires "
    "of public-sector websites.</p>"
    "<h2>What you can do</h2><ul><li>use every page with a keyboard only;</li>"
    "<li>zoom up to 400 % without losing content;</li><li>read the site in English or "
    "French;</li><li>use a screen reader: forms have labels and tables have headers.</li></ul>"
    "<h2>Feedback and contact</h2><p>If something does not work for you, tell us through "
    '<a href="feedback/">the feedback form</a> or write to '
    '<a href="mailto:secretariat@demo.example.eu">secretariat@demo.example.eu</a>; we answer '
    "within 15 working days. If our answer does not satisfy you, you may turn to the "
    "European Ombudsman.</p>"
)

FEEDBACK_INTRO = (
    "<p>Tell us what did not work for you, on which page, and how we can answer you. "
    "Every field but the description is optional.</p>"
)
FEEDBACK_THANKS = "<p>Thank you. We answer within 15 working days.</p>"
FEEDBACK_FIELDS = [
    ("What did not work?", "multiline", True, "Describe the problem and what you were doing."),
    ("Page address", "singleline", False, "Copy the address of the page, if you have it."),
    ("Your e-mail address", "email", False, "Only to answer you."),
]
