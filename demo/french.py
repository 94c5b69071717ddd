"""The demo's content in French: pages, programmes, calls, topics, workstreams and the
strategy's initiatives. Some texts are left in English on purpose (the news items, the
older calls) so the site shows its "not yet translated" marker. Idempotent: it writes the
French companions (`<field>_fr`) and nothing else."""

from cms.models import (
    CallIndexPage,
    FeedbackFormPage,
    HomePage,
    NewsIndexPage,
    ProjectIndexPage,
    SearchPage,
    StandardPage,
    StrategyPage,
    WorkstreamIndexPage,
    WorkstreamPage,
)
from cooperation.forum.models.workstreams import Workstream
from funding.calls.criteria_templates import CRITERIA_TEMPLATES, french_of
from funding.models import AwardCriterion, Call, Programme, Topic

PAGES = [
    (HomePage, None, {
        "title_fr": "Financement et coopération contre les abus sexuels sur enfants",
        "intro_fr": "Les appels du FSI-Police et d’Horizon Europe, les projets qu’ils financent "
        "et la coopération du Forum de l’UE sur l’internet avec l’industrie, la société civile "
        "et WeProtect — en un seul endroit.",
        "body_fr": "<p>La stratégie de l’UE en faveur d’une lutte plus efficace contre les abus "
        "sexuels commis contre des enfants (COM(2020) 607) réunit législation, action des "
        "services répressifs, prévention, aide aux victimes et coopération internationale. Ce "
        "site publie les appels du FSI-Police et d’Horizon Europe qui financent ce travail, les "
        "projets financés et la coopération du Forum de l’UE sur l’internet et de la WeProtect "
        "Global Alliance.</p>",
    }),
    (ProjectIndexPage, "projects", {
        "title_fr": "Projets financés",
        "intro_fr": "Projets financés par le FSI-Police, Horizon 2020 et Horizon Europe.",
    }),
    (WorkstreamIndexPage, "workstreams", {
        "title_fr": "Groupes de travail",
        "intro_fr": "Travaux du Forum de l’UE sur l’internet, du réseau européen de prévention "
        "et de la WeProtect Global Alliance.",
    }),
    (CallIndexPage, "calls", {
        "title_fr": "Appels à propositions",
        "intro_fr": "Appels du FSI-Police et d’Horizon Europe contre les abus sexuels sur "
        "enfants : ouverts, à venir et clos.",
    }),
    (StrategyPage, "strategy", {
        "title_fr": "Stratégie de l’UE en faveur d’une lutte plus efficace contre les abus "
        "sexuels commis contre des enfants",
        "intro_fr": "Adoptée le 24 juillet 2020 pour 2020–2025, la stratégie fixe huit "
        "initiatives : mettre en œuvre et développer le bon cadre juridique, renforcer la "
        "réponse des services répressifs et coordonner l’action de tous les acteurs pour la "
        "prévention, les enquêtes et l’aide aux victimes.",
    }),
    (NewsIndexPage, "news", {
        "title_fr": "Actualités",
        "intro_fr": "Appels, réunions et résultats.",
    }),
    (StandardPage, "about", {
        "title_fr": "À propos de cette plateforme",
        "intro_fr": "Qui la gère et à quoi elle sert.",
        "body_fr": "<p>Cette plateforme sert les gestionnaires de programme qui mènent les "
        "appels du FSI-Police et d’Horizon Europe, les organisations qui y répondent, les "
        "experts qui évaluent les propositions et le secrétariat du Forum de l’UE sur "
        "l’internet. Appels, propositions, évaluations, projets financés et engagements y sont "
        "enregistrés ; chaque échéance est donnée à l’heure de Bruxelles.</p>",
    }),
    (StandardPage, "accessibility", {
        "title_fr": "Déclaration d’accessibilité",
        "intro_fr": "Le niveau d’accessibilité de ce site, et comment nous dire quand il ne "
        "l’est pas.",
        "body_fr": "<p>Nous voulons que chacun puisse utiliser ce site. Il vise la conformité "
        "aux règles pour l’accessibilité des contenus web (WCAG) 2.1, niveau AA, comme la "
        "directive (UE) 2016/2102 l’exige des sites du secteur public.</p>"
        "<h2>Ce que vous pouvez faire</h2><ul><li>utiliser chaque page au clavier seul ;</li>"
        "<li>agrandir jusqu’à 400 % sans perdre de contenu ;</li><li>lire le site en anglais "
        "ou en français ;</li><li>utiliser un lecteur d’écran : les formulaires ont des "
        "étiquettes et les tableaux des en-têtes.</li></ul>"
        "<h2>Retours et contact</h2><p>Si quelque chose ne fonctionne pas pour vous, dites-le "
        'nous par <a href="feedback/">le formulaire de contact</a> ou écrivez à '
        '<a href="mailto:secretariat@demo.example.eu">secretariat@demo.example.eu</a> ; nous '
        "répondons sous 15 jours ouvrables. Si notre réponse ne vous satisfait pas, vous "
        "pouvez saisir le Médiateur européen.</p>",
    }),
    (FeedbackFormPage, "feedback", {
        "title_fr": "Accessibilité : retours et contact",
        "intro_fr": "<p>Dites-nous ce qui n’a pas fonctionné, sur quelle page, et comment vous "
        "répondre. Seule la description est obligatoire.</p>",
        "thank_you_text_fr": "<p>Merci. Nous répondons sous 15 jours ouvrables.</p>",
    }),
    (SearchPage, "search", {
        "title_fr": "Recherche",
        "intro_fr": "Chercher dans les appels, les actualités et les pages.",
    }),
]  # fmt: skip

PROGRAMMES = {
    "ISFP": ("Fonds pour la sécurité intérieure – Police", "Actions de l’Union du Fonds pour "
             "la sécurité intérieure, volet coopération policière."),
    "HORIZON": ("Horizon Europe", "Pôle 3 « Sécurité civile pour la société », lutte contre "
                "la criminalité et le terrorisme (FCT)."),
}  # fmt: skip

CALLS = {
    "ISF-2021-AG-CSA": ("Prévenir et combattre les abus sexuels sur enfants", ""),
    "ISF-DEMO-AG-CSA": ("Appel de démonstration : réseaux de prévention et d’aide aux victimes",
                        "Un appel de démonstration du FSI-Police, ouvert, pour essayer les pages "
                        "de candidature : programmes de prévention pour les personnes qui "
                        "craignent de passer à l’acte, et aide aux victimes par-delà les "
                        "frontières."),
    "HORIZON-CL3-DEMO-FCT-02": ("Appel de démonstration : outils de détection des abus "
                                "sexuels sur enfants en ligne", ""),
}  # fmt: skip

TOPICS = {
    "ISF-2021-AG-CSA": "Prévention, aide aux victimes et capacité technique",
    "ISF-DEMO-AG-CSA-01": "Réseau européen de prévention : groupes de travail par pratique",
    "HORIZON-CL3-DEMO-FCT-02-01": "Détection respectueuse de la vie privée des contenus "
    "pédopornographiques connus",
}

WORKSTREAMS = {
    "EU Internet Forum — child sexual abuse strand": (
        "Forum de l’UE sur l’internet — volet abus sexuels sur enfants",
        "Ministres, entreprises technologiques et Europol travaillent ensemble contre les abus "
        "sexuels sur enfants en ligne, depuis 2019.",
    ),
    "Technical expert process: detection in end-to-end encrypted communications": (
        "Processus d’experts techniques : détection dans les communications chiffrées de bout "
        "en bout",
        "Des experts de l’industrie, du monde universitaire et des services répressifs "
        "recensent les solutions techniques de détection des abus sexuels sur enfants dans les "
        "communications chiffrées de bout en bout.",
    ),
}

INITIATIVES = {
    1: ("Mise en œuvre complète de la législation actuelle", "Veiller à ce que la directive "
        "2011/93/UE relative à la lutte contre les abus sexuels et l’exploitation sexuelle des "
        "enfants soit pleinement appliquée dans chaque État membre."),
    2: ("Une législation de l’UE permettant une réponse efficace", "Faire en sorte que les "
        "fournisseurs de services en ligne puissent détecter et signaler les abus sexuels sur "
        "enfants, avec les garanties que la loi exige."),
    3: ("Recenser les lacunes législatives, les bonnes pratiques et les actions prioritaires",
        "Étudier où le cadre juridique est insuffisant et ce qui fonctionne en pratique."),
    4: ("Renforcer l’action des services répressifs aux niveaux national et européen",
        "Donner aux autorités policières et judiciaires les outils, les compétences et la "
        "coopération dont elles ont besoin."),
    5: ("Prévention", "Prévenir les abus avant qu’ils ne se produisent, grâce à un réseau "
        "européen de praticiens et de chercheurs."),
    6: ("Un centre européen pour prévenir et combattre les abus sexuels sur enfants",
        "Un lieu unique pour la prévention, l’aide aux victimes et le soutien aux services "
        "répressifs."),
    7: ("L’action de l’industrie au sein du Forum de l’UE sur l’internet", "Ministres, "
        "industrie et Europol travaillent ensemble pour protéger les enfants en ligne."),
    8: ("Coopération mondiale entre toutes les parties prenantes", "Travailler avec les "
        "gouvernements, les entreprises et la société civile du monde entier au sein de la "
        "WeProtect Global Alliance."),
}  # fmt: skip


def _pages() -> None:
    for page_class, slug, texts in PAGES:
        pages = page_class.objects.all() if slug is None else page_class.objects.filter(slug=slug)
        pages.update(**texts)


KEY_ACTIONS = {
    1: ["Procédures d’infraction lorsque la transposition est incomplète",
        "Soutien aux États membres pour la prévention et l’aide aux victimes"],
    2: ["Une législation obligeant les services en ligne concernés à détecter et signaler "
        "les contenus connus", "Des règles provisoires pour que la détection volontaire "
        "puisse continuer"],
    3: ["Une étude des lacunes, des bonnes pratiques et des actions prioritaires",
        "Le suivi de ses conclusions"],
    4: ["Un pôle et un laboratoire d’innovation au Centre européen de lutte contre la "
        "cybercriminalité d’Europol (EC3)", "Des financements par le FSI-Police et des "
        "projets de recherche d’Horizon Europe", "Des formations par le CEPOL et la "
        "coopération par Eurojust"],
    5: ["Des groupes de travail par pratique : santé, travail social, éducation, services "
        "répressifs, justice, prisons, décideurs et chercheurs", "Des programmes pour les "
        "personnes qui craignent de passer à l’acte, et pour les enfants, les familles et "
        "les communautés"],
    6: ["Évaluer les options pour le centre",
        "Soutien aux victimes et à la recherche dans toute l’UE"],
    7: ["Un processus d’experts techniques sur la détection des abus dans les "
        "communications chiffrées de bout en bout", "Des engagements volontaires des "
        "fournisseurs de services en ligne"],
    8: ["Soutien au Model National Response",
        "Coopération avec la base de données ICSE d’Interpol et les lignes d’urgence INHOPE"],
}  # fmt: skip


def _strategy_initiatives() -> None:
    for page in StrategyPage.objects.all():
        changed = False
        for block in page.initiatives:
            number = block.value["number"]
            french = (*INITIATIVES[number], KEY_ACTIONS[number]) if number in INITIATIVES else None
            current = tuple(block.value.get(key) for key in ("title_fr", "summary_fr"))
            actions = [str(item) for item in block.value.get("key_actions_fr") or []]
            if french and (*current, actions) != french:
                block.value["title_fr"], block.value["summary_fr"] = french[:2]
                block.value["key_actions_fr"] = french[2]
                changed = True
        if changed:
            page.save(update_fields=["initiatives"])


def seed(context: dict) -> None:
    _pages()
    _strategy_initiatives()
    for code, (name, description) in PROGRAMMES.items():
        Programme.objects.filter(code=code).update(name_fr=name, description_fr=description)
    for identifier, (title, summary) in CALLS.items():
        Call.objects.filter(identifier=identifier).update(title_fr=title, summary_fr=summary)
    for identifier, title in TOPICS.items():
        Topic.objects.filter(identifier=identifier).update(title_fr=title)
    for name, (name_fr, description_fr) in WORKSTREAMS.items():
        Workstream.objects.filter(name=name).update(name_fr=name_fr, description_fr=description_fr)
        # The workstream's public page was written from the record (demo/workstream_pages.py).
        WorkstreamPage.objects.filter(workstream__name=name, title=name).update(
            title_fr=name_fr, intro_fr=description_fr
        )
    # Criteria applied before their templates knew French take it from the templates now.
    from_templates = {
        (item.name, str(item.description)): french_of(item)
        for template in CRITERIA_TEMPLATES.values()
        for item in template.criteria
    }
    for criterion in AwardCriterion.objects.filter(name_fr=""):
        french = from_templates.get((criterion.name, criterion.description))
        if french and french[0]:
            criterion.name_fr, criterion.description_fr = french
            criterion.save(update_fields=["name_fr", "description_fr"])
