"""Table-driven tests of the credential detectors. All values are fictitious."""

import pytest

from detectors.credentials_prose import CredentialsProse
from detectors.secret_tokens import SecretTokens
from detectors.unit import MessageContext, TextUnit

PROSE, TOKENS = CredentialsProse(), SecretTokens()


def found(text, bulk=False):
    unit = TextUnit(text=text, context=MessageContext(is_bulk=bulk))
    return [unit.text[m.value_start:m.value_end] for d in (PROSE, TOKENS) for m in d.run(unit) if m.score >= 0.5]


@pytest.mark.parametrize("text,value", [
    ("mot de passe : Tr0ub4dor&3", "Tr0ub4dor&3"),
    ("mdp provisoire : Vx7!kq29Lm", "Vx7!kq29Lm"),
    ("ton mot de passe provisoire est Hx8#pLm2", "Hx8#pLm2"),
    ("login jdupont / pass Azerty123!", "Azerty123!"),
    ("identifiants : jdupont / Soleil2024", "Soleil2024"),
    ("the password is Kx9$mmQ2", "Kx9$mmQ2"),
    ("pwd=S3cr3tPw", "S3cr3tPw"),
    ("Mot de passe\nZ8k!pQ4wR\n", "Z8k!pQ4wR"),
    ("le code du digicode est 4512", "4512"),
    ("Le mot de passe du zip est : K7#vPq!m2Wd", "K7#vPq!m2Wd"),
    ("wifi : réseau Labo-Invites, clé Invites-LAB-2025!", "Invites-LAB-2025!"),
    ("Le code reçu par SMS pour la validation : 583021", "583021"),
    ("postgres://app:s3cretPw@db.example.invalid/app", "s3cretPw"),
    ("GITLAB_TOKEN=glpat-Zq81LmNp0wXr5TuvY7bC", "glpat-Zq81LmNp0wXr5TuvY7bC"),
    ("key AKIAQ3EXAMPLE7TUVW42 here", "AKIAQ3EXAMPLE7TUVW42"),
    ("Secret: sk_live_51CJIAgQ99BKjYykHF850CpyQUaHV4nZ", "sk_live_51CJIAgQ99BKjYykHF850CpyQUaHV4nZ"),
    ("mdp Lcmm!2025st", "Lcmm!2025st"),
    ("Your password has been reset to orion042.", "orion042"),
    ("Ton mot de passe a été réinitialisé à velours77", "velours77"),
    ("3. Enter password granit55 in the portal box", "granit55"),
    ("Saisissez le mot de passe marbre88 puis validez", "marbre88"),
    ('enter "tulipe" as your registration password', "tulipe"),
    ("Utilisez « cerisier » comme mot de passe du partage", "cerisier"),
    ("Dial-in: 0800 000 000\nPasscode: 482913", "482913"),
    ("replay available, passcode is\n7715302.", "7715302"),
    ("Code participant : 55128#", "55128#"),
    ("Your password (passwords are case-sensitive):\nlupin7\n", "lupin7"),
    ("Access code: 90412", "90412"),
    ("Identifiants ENT pour le stagiaire : jmartin2 / Bienvenue2024!", "Bienvenue2024!"),
])
def test_positive(text, value):
    assert value in found(text)


@pytest.mark.parametrize("text", [
    "Mot de passe oublié ?",
    "Votre mot de passe expire le 09/06/2023.",
    "Le mot de passe doit contenir au moins 12 caractères.",
    "Mot de passe : ********",
    "Mot de passe : [votre mot de passe]",
    "Password: <password>",
    "Please change your password after the update.",
    "Utilisez un gestionnaire de mots de passe (KeePassXC est disponible).",
    "Publishable: pk_live_51Hq0Lm2Zc9vTgS8xWb3Jd6Kf",
    "Old key: sk_live_...4f2a",
    "code postal 69100",
    "un code à 6 chiffres par SMS",
    "une phrase de passe, par exemple « cheval correct agrafe batterie »",
    "Obtain password and view reports at http://reports.example.invalid/hot.asp",
    "There is no passcode. A replay is at (555) 010-0199.",
    "Pas de code d'accès : entrée libre à 14h30.",
    "Reach me on my pager 800-555-0100 PIN 1234567",
    "Votre mot de passe a été réinitialisé. Choisissez-en un nouveau.",
])
def test_negative(text):
    assert found(text) == []


def test_bulk_mail_lowers_prose_score():
    unit = TextUnit(text="mot de passe : Tr0ub4dor&3", context=MessageContext(is_bulk=True))
    assert all(m.score < 0.9 for m in PROSE.run(unit))


def test_gate_passes_positive_examples():
    for text in ("mot de passe : X1y2z3!!", "mdp X1y2z3!!", "digicode 4512", "pwd=abc123XY"):
        assert PROSE.gate(TextUnit(text=text))


# Everyday shapes: abbreviations, spaced PINs, codes with their validity, values on their own line, in a
# table column, in a list of codes, in a quoted reply, written-out passphrases. Fresh wording.
EVERYDAY = [
    ("Pour les remplaçants sans compte, une session générique sur les postes (pas d'accès aux partages) :\n"
     "invite204 / Salle204!\nA donner à l'oral uniquement.", "Salle204!"),
    ("La cible de la sauvegarde est désormais smb://svc_backup:N4s-Lm!vz82@10.42.0.5/scolarite", "N4s-Lm!vz82"),
    ("Salut, pour le NAS du labo : pw: Fenouil#42", "Fenouil#42"),
    # the value on the next line, announced by a line that ends with "is"/"c'est" or says "below" anywhere
    ("> I've put the minutes in an encrypted archive. The password is\n> Rk4-heather-27\n> Please don't forward it.",
     "Rk4-heather-27"),
    ("Le digicode de l'annexe change lundi, le nouveau c'est\n6203C\net la clé est à l'accueil.", "6203C"),
    ("Compte : adm-salle3\net le mdp je te le mets juste en dessous, note-le ailleurs que sur un post-it\n"
     "Brn!salle3-Zp81\n\nMerci de ne pas le donner aux stagiaires.", "Brn!salle3-Zp81"),
    # a card's code after the card is named earlier in the sentence
    ("J'ai posé ma carte sur le buffet pour les courses, le code c'est 9316. Tu me la rends ce soir.", "9316"),
    ("Le MDP du routeur = Krak3n!Bay", "Krak3n!Bay"),
    ("pswd Tq9$weasel pour l'imprimante du 2e", "Tq9$weasel"),
    ("Code alarme 1 9 7 4, à taper avant d'ouvrir.", "1 9 7 4"),
    ("ton PIN de carte cantine : 12 34", "12 34"),
    ("Voici ton code de connexion, valable 10 minutes :\n\n448 190\n", "448 190"),
    ("Your one-time code is 603917 (valid until Friday).", "603917"),
    ("The gate code for the car park is 5521, valid until the end of the month.", "5521"),
    ("Nouveau sésame pour l'espace partagé : Orchid33!", "Orchid33!"),
    ("Wi-Fi key for the guest network: sunny-Harbor-81", "sunny-Harbor-81"),
    ("clé WPA : 7fk29sLq0pz", "7fk29sLq0pz"),
    ("Here is the passcode you asked for:\n\n  77 41 90\n\nCheers", "77 41 90"),
    ("Merci !\n\n> > mot de passe : Pivoine_2031\n> > Bonne soirée", "Pivoine_2031"),
    ("Pour déverrouiller le fichier joint :\nVolcan*Rouge88\n", "Volcan*Rouge88"),
    ("To open the attached workbook use this:\n\nBlue!Ferret2024\n", "Blue!Ferret2024"),
    ("Login: r.vidal / pwd: Cassis!77", "Cassis!77"),
    ("identifiant : compta2 ; mot de passe : Brume-Matin9", "Brume-Matin9"),
    ("Le code de la porte du local vélo est le 0 4 8 2.", "0 4 8 2"),
    ("Digicode: 3817B", "3817B"),
    ("Appli\tLogin\tMDP\nPaie\tgestion1\tSalaire!55\nAgenda\tsecr2\tMarmite#12\n", "Salaire!55"),
    ("| Service | Compte | Password |\n|---|---|---|\n| VPN | t.moreau | Quartz#881 |\n", "Quartz#881"),
    ("Codes du chalet :\n- porte d'entrée : 2468\n- boîte à clés : 9713\n", "9713"),
    ("The passphrase is: purple otters juggle at noon", "purple otters juggle at noon"),
    ("Your verification code:\n\n  918 273\n\nThis code expires in 15 minutes.", "918 273"),
    ("Le mot de passe temporaire est « Lanterne57 », à changer dès ce soir.", "Lanterne57"),
    ("pass: Ruisseau2019 (compte partagé)", "Ruisseau2019"),
    ("code d'accès au bâtiment: 7 7 1 9", "7 7 1 9"),
    ("Les digicodes changent lundi.\n\nLocal\tNouveau code\nServeurs\t6041\nRéserve\t8290A\n", "8290A"),
    ("-----Original Message-----\nFrom: Dana\nSent: Monday\nSubject: db\n\nPassword: Gl4cier-Run", "Gl4cier-Run"),
    ("Comme convenu, le mot de passe de l'archive :\n\nFaucon_Pelerin_7\n", "Faucon_Pelerin_7"),
    ("Voici le code du portail\n\n4417\n\nBises", "4417"),
    ("Le code, valable 10 minutes :\n551902, à saisir sur le site", "551902"),
    ("Identifiant\tjdoe\nMot de passe\tSoleil!Bleu\n", "Soleil!Bleu"),
    ("Le code pour la boîte à clés, c'est 4417.", "4417"),
    ("Pour l'alarme, tape 4 8 1 5 puis OFF.", "4 8 1 5"),
    ('Password for the shared drive: "correct horse battery staple"', "correct horse battery staple"),
    ("Ta clé d'accès temporaire : Rm7-Kq2-Zx9", "Rm7-Kq2-Zx9"),
    ("Coucou, le wifi de la maison c'est Livebox-8F2A et la clé c'est 4C7E9A21F3D5", "4C7E9A21F3D5"),
    ("Pour l'ENT, ton identifiant est m.dupont2 et ton mot de passe provisoire Ete2024!", "Ete2024!"),
    ("Le code secret de la CB c'est 4490", "4490"),
    ("Le badge ne marche pas, utilise le code 5590 au portillon", "5590"),
    ("je t'envoie le code par SMS : 33 81", "33 81"),
    ("The alarm code is 2-4-6-8", "2-4-6-8"),
    ("The lockbox combination is 4172", "4172"),
    ("Le code WiFi : LaMaison2024", "LaMaison2024"),
    ("Here's the 2FA backup code: 8f3k-29dj", "8f3k-29dj"),
    ("Accès à la salle serveur : code 8810#", "8810#"),
    ("Le mdp de la boîte générique a changé, c'est maintenant Compta_2024!", "Compta_2024!"),
    ("mot de passe\u00a0: Hibou!Gris7", "Hibou!Gris7"),
    ("mdp\u202f:\u00a0Cerf!Volant3", "Cerf!Volant3"),
    ("Bonjour,\r\nvoici le mot de passe :\r\n\r\nMouette#Grise4\r\n", "Mouette#Grise4"),
    ("Le mot de passe est le même que celui du wifi : Tulipe!88", "Tulipe!88"),
    ("user/mdp : jdoe/Soleil2024", "Soleil2024"),
    ("Login/mot de passe : jdoe / Soleil2024", "Soleil2024"),
    ("Voici tes identifiants :\njdoe\nSoleil2024\n", "Soleil2024"),
    ("Codes du local : porte : 4417 / alarme : 8812", "4417"),
    ("Tu peux me renvoyer le code ? Ah non, Léa l'a vu sur ton poste : 482 917, valable 15 min.", "482 917"),
    ("Le réseau invités s'appelle SALON-B, la clé est la suivante :\n\nSalon-B!2025-Nord\n", "Salon-B!2025-Nord"),
    ("login/pass du portail paie : mroux / Paie2021!!juin", "Paie2021!!juin"),
    ("Mot de passe\tK9!moineau\tà changer\n", "K9!moineau"),
    ("Si jamais le cabinet appelle pour la paie, login/pass du portail : mroux / Paie2021!!juin", "Paie2021!!juin"),
    ("La politique a changé en mai. Le mot de passe du partage reste Tilleul#44.", "Tilleul#44"),
    ("Pour les invités ce soir :\nRéseau : SALLE-B-INVITES\nClé : cerise-Lozere-4471", "cerise-Lozere-4471"),
    ("Le digicode de l'immeuble est 4C718, puis troisième étage à droite.", "4C718"),
    ("If you get there first, the key safe on the cabin is 7 1 4 2, kettle's inside.", "7 1 4 2"),
    ("Locksmith's been: new pad on the yard gate is 5830 then the hash key.", "5830"),
    ("Ton compte est créé.\nIdentifiant : c.morin\nProvisoire : Vx4#pq9Lzt\nÀ changer à la première connexion.",
     "Vx4#pq9Lzt"),
    # what the code opens, then the code; an internet box's key
    ("Pour jeudi : l'alarme c'est toujours 7391, tu as 30 secondes.", "7391"),
    ("Back gate is 4826 now, the old one stopped working.", "4826"),
    ("Pour la nounou, le code de la box au salon : Qz7-pr44-Lune", "Qz7-pr44-Lune"),
    ("La clé est dans la boîte à clés près du compteur, code 6184.", "6184"),
    ("J'ai oublié de lui laisser le code du portail. C'est 3851 puis dièse.", "3851"),
    ("Pour demain : portail 3 c'est 7720A, merci de refermer.", "7720A"),
    ("Le wifi du chalet (Combe-Haute) c'est myrtille_1979, sans majuscule.", "myrtille_1979"),
    ("La clé est dans la boîte aux lettres, cadenas 7305, merci de remélanger.", "7305"),
    ("le mdp c'est le même que celui de la box mais avec 42 à la fin : Cerise.Lune42", "Cerise.Lune42"),
    ("le code du local vélos (cour arrière) a été changé par le syndic ce matin, maintenant c'est 5820B .", "5820B"),
    ("le code ne marche plus sur la tablette, j'ai mis papilotte62 comme tu m'avais dit mais ça dit erreur", "papilotte62"),
    # a login and its password on the line after the colon; a one-time code said with its purpose; a Wi-Fi key
    # two lines under the network
    ("j'ai gardé le compte de secours en attendant l'annuaire :\nsupport / Qrt-Vane#508\n\nà changer lundi",
     "Qrt-Vane#508"),
    ("Le code SMS pour valider le paiement c'est 662190, vite il expire.", "662190"),
    ("le wifi de la salle du conseil c'est\nConseil-5G\nclé : mN8vTqL2wYc4", "mN8vTqL2wYc4"),
    # the alarm reprogrammed then its code, a bank code given before its name, a login line under an account
    ("si tu rentres avant moi l'alarme a été reprogrammée, c'est 3917 puis OK", "3917"),
    ("c'est 604218 le code que la banque m'a envoyé pour valider le virement, tu me dis ?", "604218"),
    # a year is the code when what it opens is said ("son année, évidemment")
    ("la boîte à clés chez papa c'est 1949 (son année), le SSIAD passe le matin", "1949"),
    # the code keyed in, and what it opens after it
    ("Turn into the condos and press *4417 at the gate entrance, then bear right.", "*4417"),
    # a key box behind a desk, a WireGuard key, a login given after a colon, "pw" three words before its colon,
    # a door code spelt with spaces and a letter
    ("le boîtier à clés derrière l'accueil : 3904, tu remets la clé dedans ce soir", "3904"),
    ("PresharedKey = q7Lm2VxR8tZp4WcY1bHs3kY9vQ2mTz8LpW4rXc7NfB0=", "q7Lm2VxR8tZp4WcY1bHs3kY9vQ2mTz8LpW4rXc7NfB0="),
    ("c'est mon adresse perso mais bon : marc.ollier / Tartiflette74 — change-le pas\n> c'est quoi le mot de passe "
     "de la télé ?", "Tartiflette74"),
    ("Zip's encrypted, pw separately as usual: Ledger_Jan25#qa4", "Ledger_Jan25#qa4"),
    ("ils ont changé le digicode du local après le vol. c'est 7 2 5 3 C maintenant", "7 2 5 3"),
    ("The returns account is the shared one (sorry):\n\nfin-returns / Ledger_Q3*x9\n\nlog in before Friday.",
     "Ledger_Q3*x9"),
]

EVERYDAY_NEGATIVE = [
    "Press 2024 results are out; press 1 for sales at the front gate desk.",
    "Les équipes du tournoi :\nparis / Lyon-Part-Dieu2\nnantes / Rennes-Centre4",
    "Compte rendu de la réunion :\nJean / Paul-Henri, puis la trésorière.",
    "Plus aucun mot de passe en dur, voilà la config qu'on déploie :\n  sftp_partenaires:\n    host: sftp.exemple.fr\n"
    "    password: ${SFTP_PASSWORD}\n",
    "Le mot de passe est\nobligatoire pour tous les comptes du portail.",
    "Le code du cours c'est 4471, inscrivez-vous avant vendredi.",
    "The access code format is\nexplained below in the security policy.",
    "Forgot your pw? Click the link to reset it.",
    "Votre mot de passe doit comporter au moins 12 caractères, dont un chiffre.",
    "Mot de passe : <votre mot de passe>",
    "Password: xxxx",
    "Le code promo ETE2024 donne 10 % de remise.",
    "Utilisez le code promo : 4590 sur la boutique.",
    "Code postal : 35000 Rennes",
    "PWD = c:/utils/ocaml\nOCAMLDIR = c:/utils/ocaml",
    "Login : jdupont\nService : Comptabilite-2024",
    "Code APE : 7219Z",
    "Le code UE 4521 est validé au semestre 2.",
    "Code source : https://git.example.org/projet",
    "The password field must not be empty.",
    "We store passwords hashed with bcrypt (cost 12).",
    "password = os.environ['DB_PASSWORD']",
    "pwd = getpass.getpass()",
    "Commande n° 458812, code de suivi : 7781452",
    "Never share your one-time code with anyone.",
    "Mot de passe oublié ? Cliquez ici.",
    "Your password was changed on 03/04/2024. If this wasn't you, contact support.",
    "Rappel : ne communiquez jamais votre code PIN, même à la banque.",
    "Password: ********",
    "Digicode en panne, appelez le gardien au 06 12 34 56 78.",
    "Le code de la réservation : 558812",
    "Produit\tCode\tPrix\nStylo\t4471\t2,50\nCahier\t8812\t3,10\n",
    "Enter your password in the field below.",
    "Votre code de vérification vous sera envoyé par SMS.",
    "Bonjour,\nvoici le mot de passe :\n\nvoir le coffre-fort KeePass\n",
    "Le montant total est de 1 250 euros, code article 4410.",
    "Mot de passe\n********\n",
    "Merci de saisir votre mot de passe ci-dessous :\n\n[mot de passe]",
    "Voici le mot de passe\nMerci",
    "Champ\tType\nMot de passe\tstring\n",
    "Le nouveau code\nsera envoyé demain.",
    "Les codes changent chaque trimestre.\n- Bureau 214 : 2 personnes\n- Parking : 45 places",
    "Pour l'alarme, appelez le 06 11 22 33 44.",
    "L'alarme est 2 fois plus forte que l'ancienne.",
    "The gate is 1500 m from the station.",
    "Le portail 2025 sera repeint en vert.",
    "On the login page I tried version2 of the form.",
    "Le mot de passe doit contenir au moins 8 caractères, j'ai mis Exemple123 pour tester.",
    "Le wifi de la salle c'est vraiment lent aujourd'hui.",
    "Le code de l'alarme a changé. C'est 2024 qui a été l'année des travaux.",
    "Le portail est 2025 fois plus beau.",
    "Just dial your country Intl. access code + 44 20 7946 0000.",
    "Take the survey: http://survey.example.invalid/s.asp?pw=d8xa02m",
    "I have to pass \"pci=biosirq\" to the kernel.",
    "See http://news.example.invalid/user/abc/2002/09/archive.html for details.",
    "> exmh is running. It tells me my passphrase is incorrect every time",
    "Company Code:    0011\nBusiness Unit for Roles:   ENA",
    "General (need password):  Hoovers   www.hoovers.com",
    "Privately, my concern is that the code\nTrevino's, report to me, leaves a gap",
    "The winning combination is 4 numbers out of 49.",
    "Mot de passe : 8 caractères minimum, dont 2 chiffres.",
    "Password: 2023",
    "Nous avons reçu votre commande, code 58812 à présenter au retrait.",
    "Les résultats : 1-2-3-4 pour les équipes A à D.",
    "code 4410 du budget, salle 214",
    "Le nouveau mot de passe temporaire sera communiqué demain.",
    "Utilisez le code 2024 pour l'inscription au séminaire.",
    "Entrée du public : porte 4, code vestimentaire exigé.",
    "Our recovery code policy requires 10 codes of 8 characters.",
    "Votre mot de passe expirera, pour conserver le même mot de passe: **Cliquez ici**",
    "mot de passe pour le PDF : le nom de ta rue en minuscules",
    "Vos identifiants :\nNom\nPrénom\n",
    "Log in:\nusername\npassword\n",
    "La clé est sous le paillasson :\n\nVoir avec Karim\n",
    "le code postal 35000, valable pour tout le département",
    "Ne communiquez jamais votre mot de passe : Tr0ub4dor&3 serait un mauvais choix.",
    "Merci. Exemple de mot de passe robuste : Tr0ub4dor&3",
    "To login please use this URL:\nhttp://www.example.invalid/cgi-bin/gen5?prog=wcpr&access=209726&t\nype=login\n",
]


@pytest.mark.parametrize("subject,body,value", [
    ("RE: code portail", "Oui c'est 4471B depuis lundi.\nBonne journée", "4471B"),
    ("Re: mot de passe wifi", "c'est Maison!2024, en majuscule", "Maison!2024"),
    ("Re: mot de passe oublié", "Oui c'est bon, merci", None),
    ("Re: code promo", "c'est 4471 pour 10%", None),
    ("Re: code CB", "5193\net prends du pain", "5193"),
    ("Re: code", "730514 - just arrived, hurry\n\n> can you read me the code that went to your phone?", "730514"),
    ("Re: code", "Thanks - see you at 10\n\n> what's the code of conduct reference?", None),
    ("Re: code portail", "Demain\nje te le redis", None),
    ("Re: code of conduct", "It is 2045 words long.", None),
    # a bare "mdp" subject over a value given after a colon
    ("mdp", "pour le zip des plans de 10h : Hérons_Mu$-2026\n(envoyé à part comme d'hab)", "Hérons_Mu$-2026"),
    ("mdp", "Réunion mdp : lundi 10h", None),
])
def test_reply_answering_the_subject(subject, body, value):
    unit = TextUnit(text=body, context=MessageContext(subject=subject))
    values = [body[m.value_start:m.value_end] for m in PROSE.run(unit) if m.score >= 0.5]
    assert values == ([value] if value else [])


@pytest.mark.parametrize("text,value", EVERYDAY)
def test_everyday_positive(text, value):
    assert value in found(text)


@pytest.mark.parametrize("text", EVERYDAY_NEGATIVE)
def test_everyday_negative(text):
    assert found(text) == []


@pytest.mark.parametrize("subject,value", [
    ("Re: accès sftp partenaire -> Hq3!pelican88", "Hq3!pelican88"),
    ("iLO serveur 4 : admin / Wq5#tRn82v (provisoire)", "Wq5#tRn82v"),
    ("compte démo CRM : Demo#Crm2024", "Demo#Crm2024"),
    ("Con tomorrow 10am, room 3 / wifi Guest-Net pw Harbour!5521", "Harbour!5521"),
])
def test_subject_positive(subject, value):
    unit = TextUnit(text=subject, kind="subject", location="subject")
    assert value in [unit.text[m.value_start:m.value_end] for m in PROSE.run(unit) if m.score >= 0.5]


@pytest.mark.parametrize("subject", [
    "Re: changement de mot de passe - Procedure_V2",
    "[JIRA] (PROJ-1234) Login page: fix redirect",
    "Password reset: Action_Required",
    "Fwd: compte rendu réunion -> Version2_Finale",
    "RE: Root cause / Fix_Deploy2",
])
def test_subject_negative(subject):
    unit = TextUnit(text=subject, kind="subject", location="subject")
    assert [m for m in PROSE.run(unit) if m.score >= 0.5] == []


def test_door_codes_to_a_staff_list_are_reported():
    text = "Bonjour à tous,\nles codes changent lundi :\n- portail : 4821\n- alarme : 0 6 4 2\nMerci"
    unit = TextUnit(text=text, context=MessageContext(is_bulk=True))
    values = [text[m.value_start:m.value_end] for m in PROSE.run(unit) if m.score >= 0.5]
    assert "4821" in values and "0 6 4 2" in values


def test_a_password_sent_alone_in_a_reply():
    """The whole reply is the secret asked for, without a word."""
    unit = TextUnit(text="LBM-cj04*Offre!23\n", context=MessageContext(subject="Re: offre CJ-04 déposée"))
    assert [m for m in PROSE.run(unit) if m.score >= 0.5]
    for text in ("Merci, reçu.\n", "https://example.org/a?b=C1!\n", "REF-2024-00017\n"):
        assert not found(text)


def test_a_wifi_key_for_visitors_under_its_line():
    text = ("J'ai créé le réseau pour les clients en salle de réunion, SSID Cab-Visiteurs. Clé à donner à l'accueil :\n"
            "Kermor#Visit-2024\n\nPensez à la changer tous les 6 mois.")
    unit = TextUnit(text=text, context=MessageContext(subject="Borne wifi installée"))
    assert [m for m in PROSE.run(unit) if m.score >= 0.5]


def test_a_csv_column_headed_with_underscores():
    rows = (("poste", "compte", "mot_de_passe"), ("pc-07", "tp07", "Rk5!wuTe"), ("pc-08", "tp08", "Vn2$qaLo"))
    text = "\n".join("\t".join(r) for r in rows)
    unit = TextUnit(text=text, kind="attachment", rows=rows, content_type="csv", filename="comptes.csv")
    values = {text[m.value_start:m.value_end] for m in PROSE.run(unit) if m.score >= 0.5}
    assert values == {"Rk5!wuTe", "Vn2$qaLo"}


def test_a_program_identifier_is_no_column_header():
    text = "let pic_code = 1\tin\nif !pic_code\tthen emit Reloc_x86_64\tByte_signed"
    unit = TextUnit(text=text, kind="attachment", filename="emit.ml")
    assert [m for m in PROSE.run(unit) if m.score >= 0.5] == []
