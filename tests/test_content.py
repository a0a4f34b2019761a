"""Table-driven tests of the meaning-based detectors, with the hard negatives that make people
stop trusting such tools ("brevet des collèges", "appel à projets", a disclaimer, "bonnes vacances").
Sentences are written for these tests (fictitious people and organisations)."""

import pytest

from detectors.registry import build_detectors
from detectors.unit import MessageContext, TextUnit

DETS = build_detectors()


def fired(category: str, text: str, subject: str = "", **ctx) -> bool:
    unit = TextUnit(text=text, context=MessageContext(subject=subject, **ctx))
    return any(m.category == category and m.score >= 0.5 for d in DETS for m in d.run(unit))


CASES = {
    "tender": (
        [("Intel from a friend at H&F: Relexa came in around £31 per store; with a 12% discount we stay above £33.",
          "H&F pricing"),
         # a supplier's concession, a budgetary quote, the current supplier's price set against another's
         ("Nous avons bien noté que notre offre n'était pas retenue en l'état : nous pouvons descendre à 0,92 M€ "
          "sur trois ans, maintenance comprise.", "Re: renouvellement ERP"),
         ("Indicative numbers only, not a formal offer: 12 racks at EUR 8,900 each, install EUR 14,000.", "Racks"),
         ("Franchement, Datavia nous propose 6,40 € HT par utilisateur et vous êtes à 8,10 sur le même périmètre.",
          "Re: licences messagerie"),
         # bids compared in plain words, scores out of 40/60, an ITT pack, a bid's price in the Subject
         ("Moderated scores: Castleford Q 31/60 P 38.3/40, Arkwright Q 44/60 P 40/40. Recommend Arkwright.", "IT lot 2"),
         ("Draft ITT pack for the cleaning re-let; the budget ceiling is still in the pricing schedule, delete it.",
          "Cleaning ITT"),
         ("les 2 offres ménage sont arrivées, Net'Services 980 HT/mois, Brillance 1 120. On choisit ?", "ménage"),
         ("Pour l'AO 2025-117 : ok pour 1,12 M€ avec l'option outillage. En dessous je ne signe pas.", "RE: prix"),
         ("Nous vous prions de nous soumettre votre meilleure offre pour 800 bracelets acier, livraison en mars.",
          "Demande d'offre"),
         ("Sandra, le Jura Cadrans était à 72.- pour la même chose. Essaie 78.- avec eux.", "RE: Devis cadrans"),
         ("Sur cinq ans BioLab revient à 269 400 contre 257 400 pour Equipa ; je soutiendrai BioLab en CAO.", "cytomètre"),
         ("Notre cotation pour le lot 3 de la consultation : 6,72 % franchise 10 jours, 1,18 % Ircantec.", "Val-de-Brie"),
         ("Entre nous, Arvalis était à 1,8 % mais leur service ne tenait pas la route.", "Re: résultat de la consultation"),
         ("Terms back from the market for the renewal:\nKestrel (incumbent)  £412k\nAldgate Re   £398k\n"
          "Northstone   £441k", "remarketing"),
         ("Ci-joint notre offre de prix pour le lot 2 de l'appel d'offres : 48 200 € HT, mémoire technique en annexe.",
          "Réponse AO 2025-12"),
         ("Le DCE est en ligne ; le CCTP et le BPU sont à compléter avant le 12 mars.", "Marché public maintenance"),
         ("Voici notre proposition tarifaire pour le marché de nettoyage des locaux : 3 200 € HT par mois.", "Offre"),
         # a quote that cites what the current provider invoices, competitors' prices in plain words, offers
         # received, an award proposed before the losing bidders are told
         ("Je vous confirme notre devis : bulletin à 19 € HT, entrées/sorties à 40 € HT ; votre prestataire actuel vous "
          "facture 27 € d'après ce que vous m'avez montré.", "Honoraires 2025"),
         ("Word from the info day: the Lyon group is pricing the pylons at 2,700 € each, we are at 3,100; we need "
          "to be under 9.4 M€ on lot 3.", "lot 3 intel"),
         ("Attribution proposée à Frigotec pour 96 400 € HT (note 88/100), Climanord 2e ; les candidats évincés "
          "seront informés après le délai.", "CR commission"),
         ("Suite à notre échange, nous vous proposons 0,94 €/kg pour le linge plat. C'est notre meilleure offre.",
          "Re: contrat linge"),
         ("Pouvez-vous nous faire une offre pour 2 000 repas par mois ? Notre prestataire actuel est à 3,10 € le "
          "repas.", "demande de devis"),
         ("Counsel's fee note for the 3-day hearing: brief fee £12,000 + VAT, refreshers £1,800/day.", "fees"),
         ("Our bid for the tender is attached: total price 120,000 EUR excluding VAT, valid 90 days.", "Tender response"),
         ("Le concurrent propose 31 500 € HT, nous sommes à 34 000 € HT : faut-il baisser notre devis ?", "Devis"),
         ("Please find our quotation for the supply of 40 workstations: unit price 1,150 EUR.", "Quotation"),
         # the words of a procurement officer, with no "appel d'offres"
         ("Ouverture des plis ce matin : Lemoine est moins-disant sur le lot 3, je note la valeur technique "
          "vendredi.", "Lot 3"),
         ("Après analyse : Sanitra (prix 52/60, technique 30/40) devant Hydrobat (prix 60/60, technique 18/40).",
          "Analyse"),
         ("Bid opening, not yet published: four bids received, the lowest bid at €412k from Nordmark.", "Bids"),
         ("As discussed: 1,820 m² at €61.40/m² delivered. This is a project price, well below our list; please "
          "don't show it to other contractors.", "Quotation Q-25-0412"),
         ("Supplier\tPrice (GBP)\tQuality /40\tPrice /60\tTotal\nStakwell\t412,800\t31\t56.6\t87.6", "Racking scoring"),
         ("Rate card v4 attached: ambient pallet at 41.20; portal closes 17:00 Friday.", "Halden rates")],
        [("Pour la cession du fonds, je peux descendre à 1,2 M€ mais pas en dessous.", "Re: cession"),
         ("Our department will send award letters to new PhD students soon; the internship would free some funds.",
          "internship"),
         ("Each competitor felt the need to respond until all dealers matched any advertised price.", "Pricing memo"),
         ("In the March issue I came across a quote from your CEO; to quote from the technical document, the desk moves "
          "fast.", "Re: quote"),
         ("Il était à 1,8 % de fièvre hier, il va mieux.", "Nouvelles"),
         ("Voici les candidats retenus pour l'audition du 20 mars ; le comité de sélection siège en salle B.", "COS MCF"),
         ("L'appel à projets ANR 2026 est ouvert jusqu'au 15 octobre ; voir le site de l'agence.", "Appel à projets"),
         ("Rappel : la réunion d'équipe a lieu jeudi à 14 h en salle B.", "Réunion"),
         ("Le séminaire sur l'histoire des marchés financiers aura lieu mardi.", "Séminaire"),
         ("Our competitors quote a tighter bid/ask spread on the front month; see the auction theory note.", "Spreads"),
         ("Alerte BOAMP : appel d'offres ouvert, transport d'élèves en 3 lots. Le DCE est en ligne. Date limite de "
          "réception des offres : 12 mars. Ceci est un message automatique.", "Veille marchés"),
         ("Veuillez trouver la facture de mars selon le BPU de l'accord-cadre notifié en avril, déposée sur Chorus "
          "Pro : 12 480 € HT.", "Facture mars")],
    ),
    "strategic": (
        [("Rien ne sort avant le CA de mars : on ferme l'atelier de Brest, 40 postes.", "Brest"),
         ("Synthèse provisoire, ne doit pas être diffusée avant son passage au CA : externalisation de la paie, "
          "fermeture de l'antenne de Vienne.", "Schéma directeur"),
         ("Three of my clients will walk after the announcement, about 80m. Offer them 10 bp off and keep it quiet.",
          "clients at risk"),
         # more ways to withhold: kept between us, to yourself, before a closing, not shared yet, nothing in writing
         ("Dîner avec le patron de Transalp : il veut vendre avant l'été, il parle de 2 M€. On garde ça entre nous.",
          "Transalp"),
         ("Heads-up: lot 3 will be moved to the Porto plant from Q2, decision taken on Monday. Keep it to yourself.",
          "lot 3"),
         ("On annonce aux salariés seulement après le closing du 12 mai (rachat à 870 k€) ; d'ici là c'est un partenariat.",
          "calendrier"),
         ("Posts at risk for the finance restructure (draft, not shared with unions yet): 9 posts, 12 people in pool.",
          "restructure pool"),
         ("Chair wants a private session on whether we merge with Northgate. Nothing in writing to anyone else please.",
          "away day"),
         ("Ma ligne pour jeudi : on lâche 2 % tout de suite, 1 % de plus contre un engagement de volume sur 3 ans.",
          "négo Avionord"),
         ("Ils veulent nous racheter à 100 %, un multiple de 9x l'EBITDA. Personne ne doit le savoir pour l'instant.",
          "appel de Paris"),
         ("Sans le bridge on a 5 mois de runway. Plan B : on coupe 7 postes et on gèle les embauches.", "runway"),
         ("Budget cible qu'on ne communique pas aux intégrateurs : 480-550 kCHF sur 3 ans.", "cahier des charges v3"),
         ("Board agreed last night: mobile moves to Toulouse from April, the four mobile roles go into consultation. Announce "
          "on the 24th, not before. Please don't discuss with Julien until then.", "mobile team - decision"),
         ("They'd take 2.1x ARR, mostly in our shares. Only you, me and Declan know. Don't put it in Jira.", "heron"),
         ("Entre nous pour l'instant : le board a validé +3 postes pour 2023 mais tout est gelé si la levée glisse.",
          "budget 2023"),
         ("Le conseil a validé l'offre ferme à 8,9 M€. Les salariés de la cible seront informés après signature ; on ferme "
          "le dépôt de Cholet, 23 postes. Une note sur l'information-consultation du CSE ?", "CA d'hier"),
         ("Premiers chiffres (à ne pas sortir du cercle des associés) : CA 2024 4,62 M€, le reste en réserve pour le rachat des parts Morvan.",
          "Budget 2025"),
         ("On ferme l'accueil de Rennes au 30 juin, ça économise 2 postes. Personne n'est au courant, pas même "
          "Sandrine.", "Rennes - accueil"),
         ("Pour la négo de la convention : on demande 30 % de frais, on peut descendre à 22 %, pas en dessous. Ne mets pas "
          "ces chiffres dans les échanges avec eux.", "convention - surcoûts"),
         ("The amendment passes only if we reallocate EUR 380k; the Lyon group loses task 4.3. I haven't told Pablo yet.",
          "amendment - between us for now"),
         ("Points ouverts de la lettre d'intention : 8,2 M€ de valeur d'entreprise dont 1,5 M€ d'earn-out ; exclusivité "
          "de 75 jours.", "Projet Cormoran - LOI"),
         ("Data room is open, folder 6 (HR) goes live on Friday.", "Data room"),
         ("Rien ne doit circuler au-delà du comité restreint : fermeture du site de Vannes actée, 14 postes.",
          "Cormoran"),
         ("Le conseil ne le saura qu'en mars : la licence pro ne rouvre pas à la rentrée. Garde ça pour toi, surtout pas "
          "à l'équipe.", "Licence pro"),
         ("V2 du BP 2026 en PJ : les -12 % sur les vacations ne sont pas encore arbitrés.", "BP 2026"),
         ("DIFFUSION RESTREINTE. Projet de fusion des deux laboratoires au 1er janvier ; 12 postes supprimés.",
          "Réorganisation"),
         ("Confidentiel : le conseil d'administration étudie la cession de la filiale, valorisation 40 M€.",
          "Point CA"),
         ("Between us: the board will announce the restructuring next month, two sites will close.", "Board"),
         ("Budget prévisionnel 2026 : baisse de 15 % des dotations, gel des recrutements. Ne pas diffuser.",
          "Budget 2026"),
         ("Je vous le dis à titre confidentiel : deux fonds veulent entrer au capital, valorisation pre-money 3 M€.",
          "Start-up"),
         ("In strict confidence: the term sheet from the lead investor arrived; due diligence starts Monday.",
          "Term sheet"),
         ("Le plan de réduction des effectifs prévoit 20 suppressions de postes d'ici 2027.", "Plan"),
         ("Note pour le président : scénarios budgétaires 2027, déficit prévisionnel de 4 M€.", "Note"),
         # secrecy joined to substance, with no marking
         ("Le directeur a décidé de fermer l'antenne de Brest en juin : 7 postes. Les équipes ne sont pas "
          "encore au courant, il l'annoncera au CSE.", "Brest"),
         ("We can go down to 41k on the licence renewal but not below; that's our floor. Please don't forward "
          "this to anyone at the vendor.", "Renewal"),
         # a negotiating position: where we open, how far we go, where we stop
         ("Pour le contrat de nettoyage, on ouvre à 52 k€ et on peut aller jusqu'à 58 k€ maxi ; au-delà, on "
          "passe au plan B avec l'autre prestataire.", "Négo nettoyage"),
         ("For Monday's call: we open at 3 % and can go up to 6 % if they sign for two years; below that we walk "
          "away.", "Renewal call"),
         ("Le bureau a tranché : +6 % sur l'abonnement au 1er janvier. On ne communique rien avant le vote, ni aux "
          "équipes ni à l'accueil.", "Suite bureau"),
         ("Nordtech is buying the coatings unit of our partner for about 12 M€; nothing is public and if it leaks "
          "the deal may collapse.", "a word before Thursday"),
         # not to be shown to the other side, kept inside a group, left out of the formal answer
         ("Pour la réunion avec Semences du Sud : on ouvre à 6 % de redevance, plancher 4 %. Ne rien montrer de tout "
          "ça à leur directeur avant mardi.", "licence"),
         ("The financial annex is draft only, please keep it within the directorate: budget of 2 fellowships a year, "
          "EUR 60k each.", "annex"),
         ("Between you and me, we can accept joint ownership if they drop the first-refusal clause; that's the only "
          "point we won't move on; the 200k over three years is fine. I'd rather not put that in the formal answer yet.", "redline"),
         ("On a un repreneur pour l'agence, signature prévue en mars. Mes salariés ne savent rien.", "vente"),
         ("Draft numbers attached, not yet seen by the board so keep it to yourself: target fees £4.2m (+9%).",
          "FY27 budget - tax group"),
         ("Pour demain : vous pouvez monter jusqu'à 38 000 € mais n'ouvrez pas au-dessus de 25. Ne le dites "
          "évidemment pas.", "mandat"),
         ("We will likely cut the Lille unit (about 30 roles) in Q2; nothing decided formally, staff reps not "
          "informed.", "RIF"),
         # the marking in the Subject, the substance in the body
         ("Sortie de réunion : la direction veut fusionner les deux services au 1er mars.", "CONFIDENTIEL - services")],
        [("Tu peux relire le dossier Martin avant le comité d'engagement de lundi ? Le montage prévoit une cession "
          "à 12 M€.", "Dossier Martin"),
         ("CONFIDENTIEL : pot de départ de Luc vendredi, 15 € par personne, ne rien lui dire !", "CONFIDENTIEL - pot"),
         ("Devis location nacelle : 2 300 € HT, remise fidélité -10 %. Ce prix ne doit pas être communiqué à d'autres "
          "loueurs.", "Devis D-118"),
         ("We'd like to settle this between ourselves and the supplier before the sale of the pipeline closes.", "HPL"),
         ("Résultats de l'analyse intermédiaire sur 180 patients : à garder pour toi, l'aveugle doit être préservé.",
          "essai"),
         ("Voici la v2 de notre proposal ERC avec le work package 3 et ta letter of support. Budget 1,4 M€. Merci de "
          "ne pas faire circuler avant le dépôt.", "ERC draft v2"),
         ("It is the only application that we know of that can model loads and prices in several locations at once.",
          "Model"),
         ("Restructuring continues: keynote on the industry's strategy at 2 pm; register now, speakers include the board "
          "of the exchange.", "Energy symposium"),
         ("1/29 complete compilation of consensus EBITDA forecasts for all operations.", "Project list"),
         ("Premiers résultats du baromètre sous embargo jusqu'à la conférence de presse : échantillon de 212 entreprises, "
          "taux moyen 5,9 %.", "Baromètre"),
         ("Ce message et ses pièces jointes sont confidentiels et destinés exclusivement à leurs destinataires.",
          "Bonjour"),
         ("La newsletter de l'université : le nouveau plan stratégique a été publié sur le site.", "Newsletter"),
         ("This e-mail may contain confidential information intended only for its addressee.", "Hello"),
         ("Merci pour le café ce matin, à bientôt.", "Merci"),
         ("Le conseil d'administration se réunit jeudi ; la stratégie de négociation sera présentée au board.",
          "CA"),
         ("C'est une surprise pour son anniversaire, ne lui dites rien avant vendredi !", "Surprise"),
         ("Please don't forward this joke to the whole team, it's a bit silly.", "Joke"),
         ("The index opened at 4 % and traded up to 6 % max during the session.", "Market"),
         ("`confidential: false` must be set in the logger config before the upload.", "Logger"),
         # a promise to keep answers confidential is no marking
         ("Your answers to the salary survey will be treated as strictly confidential and used for the study only.",
          "Survey"),
         ("I don't share that view of the budget and the board's plans, but let's discuss the figures: 4 M€.", "Budget"),
         ("Between you and me, the coffee machine on the third floor is better.", "coffee"),
         ("CONFIDENTIEL (surtout pas un mot à Julie, c'est pour son pot de départ) : cagnotte chez Marc avant jeudi.",
          "CONFIDENTIEL - pot"),
         # a marking over what belongs to research or tenders
         ("NOT FOR CIRCULATION. Draft article for the journal; the manuscript goes to the reviewers in May.", "draft"),
         ("CCTP v3 - ne pas diffuser avant publication de la consultation ; le DCE sera en ligne lundi.", "CCTP"),
         ("Not yet approved, Steve will re-run the report at 4 pm.", "report"),
         # a marking in the Subject over a body that holds no plan, figure or deal
         ("Sure, drop by on Tuesday after lunch, I'm around until 4.", "CONFIDENTIAL"),
         ("Bonjour, je vous transmets le CV de mon neveu qui cherche un stage.", "Confidentiel - candidature"),
         ("The meeting is on the 14th floor, conference room B; coffee will be served.", "Board prep"),
         ("Panel on the restructuring of the electricity industry after deregulation, with two regulators.",
          "Restructuring")],
    ),
    "research": (
        [("Je te joins la version soumise à JACS pour la phrase de remerciements ; rien ne sort tant que c'est en "
          "review.", "papier soumis"),
         ("on a enfin des calculs de dispersion propres, c'est pas encore soumis donc pas sur le site svp", "résultats"),
         ("Here is the draft our counsel will file next month; nothing is filed yet, please keep it to yourself.",
          "Patent draft - sensor"),
         ("Annexe technique v2 du dossier EquipEx+ à relire avant jeudi, dépôt le 12.", "EquipEx+ annexe"),
         ("The fatigue campaign on the coupons is done: +31% life vs baseline. Let's sit on it until the paper goes in.",
          "fatigue results"),
         ("Voilà le jeu de paramètres : P=270W, v=900 mm/s. C'est notre savoir-faire, je ne le mets pas sur le serveur "
          "partagé.", "paramètres"),
         ("Happy for you to use the attrition numbers for the sensitivity analysis, they're not in the published tables.",
          "RE: reviewers' comments"),
         ("Rappel : les deux protos restent au coffre. Pas de photos. Présentation prévue au salon de 2027.", "proto BF-31"),
         ("Here is the draft of our joint Innosuisse application; please check the work package 2 budget. We submit on "
          "3 March.", "Innosuisse draft"),
         ("Premiers chiffres de l'enquête dans les trois LP de l'échantillon : 31 % contre 22 %. Nous soumettons l'article en "
          "avril ; d'ici là, merci de garder ces chiffres pour l'équipe de direction.", "enquête - premiers résultats"),
         ("Le gabarit fait avec les terminales : mesuré sur 40 pièces, la déformation passe de 1,8 mm à 0,3 mm. Avant de le "
          "laisser partir chez l'entreprise, que faut-il faire côté propriété ?", "le gabarit"),
         ("First full draft of the Enterprise Ireland R&D Fund application is in the drive: 45% grant ask; the novelty "
          "section leans on the patent.", "draft application"),
         ("Numbers for the patent examples, but NOT for the board deck yet: baseline WAPE 21.4%, new method 16.9%.",
          "numbers for the examples section"),
         ("Je reprendrai la section I selon les rapports d'évaluation de votre revue ; version révisée sous quinzaine.",
          "Re: Votre manuscrit RDNO-118"),
         ("Relu. Je ne mettrais pas notre taux d'erreur interne dans le dossier, c'est une donnée qu'on n'a jamais publiée.",
          "Re: Projet NOTA : version avant dépôt"),
         ("La lettre d'intention v2 intègre des données\npréliminaires de la cohorte, ce qu'on n'a montré nulle part : il ne faut "
          "pas le présenter au congrès de juin.", "LI v2"),
         ("On distingue en temps réel un ganglion métastatique (28/31 bien classés). Personne ne fait ça, j'ai regardé "
          "Espacenet. Surtout rien au congrès tant qu'on n'a pas vu ce qu'on protège.", "sonde"),
         ("Ci-joint la v0.3 des revendications, reprise avec le conseil en PI. On vise un dépôt INPI fin mars, les chiffres "
          "clients doivent rester hors du texte déposé.", "v0.3"),
         ("Draft of our Smart grant application is in the folder: grant ask £428k; the novelty section leans on a model "
          "that is still patent-pending.", "grant draft"),
         ("Le lemme 2.3 tient enfin, la preuve fait six pages. Personne ne l'a écrit, on attend le dépôt avant d'en parler.",
          "chapitre 2"),
         ("The new heuristic beats the best published result by 9 %. I haven't told anybody outside the group yet.",
          "it works"),
         ("Résultats non publiés : le catalyseur donne 92 % de rendement. Ne pas diffuser avant le dépôt du brevet.",
          "Résultats"),
         ("Voici le projet de revendications pour la déclaration d'invention, avant dépôt.", "Invention"),
         ("Our manuscript is under review at Nature; please keep the data confidential until acceptance.",
          "Manuscript"),
         ("Attached is the draft of the ERC proposal, not yet submitted.", "ERC"),
         ("Ci-joint mon rapport de relecture (referee report) sur l'article soumis, confidentiel.", "Relecture"),
         # not public yet, said in passing, with research substance
         ("Les mesures sur le nouveau prototype dépassent la référence de 30 % ; rien n'est publié, merci de ne pas "
          "citer ces résultats en dehors du consortium.", "Point banc"),
         ("The manuscript is still under revision: the reviewers asked for two more experiments before we resubmit.",
          "Revision"),
         ("Nobody outside the consortium should see these numbers before the June submission: the detector finds "
          "78 % of the faults on steel.", "WP4 results"),
         ("First look at the in-situ data: the phase shows up at 280 °C, 3 samples out of 3. I haven't told "
          "Marco yet, I want to redo the integration.", "beamtime"),
         ("Premiers chiffres : le kilométrage à vide passe de 23 % à 16 %, les lignes témoins bougent peu ; merci "
          "de garder les chiffres dans l'équipe projet, Hélène veut protéger avant le papier.", "Optiroute S1-S6"),
         ("Un de nos techniciens a mis au point un capteur de fuite ; rien n'est publié, faut-il protéger l'idée "
          "avant le salon ?", "Capteur"),
         ("Forwarding the editor's decision on our manuscript: minor revisions requested, we need one more control.",
          "Fwd: decision"),
         ("La recherche d'antériorités ne trouve rien ; le conseil en propriété industrielle rédige les "
          "revendications.", "Valve"),
         ("Projet de revendication 1 : dispositif de serrage comprenant une tige creuse, caractérisé en ce que "
          "le manchon s'extrait d'une seule face. Rien n'a été montré à l'extérieur.", "Projet de dépôt"),
         ("Résultats 28 j de la série 3 : 39,4 MPa en moyenne. Je propose qu'on ne montre rien à personne avant "
          "d'avoir vu le conseil pour le brevet.", "BRV-2 (interne)"),
         # a grant proposal still being written: the funder, the proposal, the work before it goes
         ("Le dépôt ERC est le 12 ; il me manque ta partie sur les données de terrain, on demande 1,4 M€ sur 5 ans.",
          "ERC StG"),
         ("Attached is the Part B draft v0.3, comments by Monday please; submission on the 30th.", "Part B"),
         # kept for the paper, out of a report, protected before anyone sees it; a manuscript alone is research
         ("La campagne d'essais donne 42 MPa en moyenne ; on garde ça pour l'article, pas de communication "
          "externe.", "essais béton"),
         ("Résultats du pilote chez nos deux clients : 312 dossiers, 7 anomalies. Ne pas mettre dans le rapport "
          "annuel, ils ne sont pas consolidés.", "pilote"),
         ("J'ai décrit l'invention du support réglable, testé sur 15 poteaux ; il faut la protéger avant que "
          "quelqu'un la montre au salon.", "idée support"),
         ("Here is the manuscript for your read; please do not circulate it.", "manuscript"),
         # a protocol not approved yet, interim data kept back, a dissertation before its defence, our answer to a call
         ("Ci-joint le protocole soumis au comité d'éthique (pas encore approuvé) ; merci de ne pas le diffuser en "
          "dehors de l'équipe.", "protocole"),
         ("The interim numbers look good (pain down 3 points in our arm) but I won't show them at the meeting before "
          "the paper is accepted.", "interim data"),
         ("Voici le brouillon de notre réponse à l'appel à projets de la fondation (dépôt le 3 mai), budget demandé "
          "45 k€ ; tes corrections avant lundi.", "dossier fondation")],
        [("Sally agreed to be one of your reviewers for the mid-year cycle; my supervisor will contact you about my "
          "review.", "Mid Year - Potential Reviewers"),
         ("Congress 2026 - call for abstracts now open: unpublished results and preliminary data welcome.", "ERS Congress"),
         ("Premiers chiffres (à ne pas sortir du cercle des associés) : on reste à 38 % du résultat, hypothèse 4,9 M€.",
          "Budget 2025"),
         ("Mon fils passe le brevet des collèges cette année.", "Brevet"),
         ("Call for papers: we welcome unpublished results on distributed systems; submission deadline 15 May.",
          "CFP"),
         ("Preliminary figures for the Q3 budget are attached; please don't circulate the draft yet.", "Budget"),
         ("Le brevet de secourisme est obligatoire pour les encadrants.", "Formation"),
         ("Our paper was published last year in PLOS ONE and is open access.", "Paper"),
         ("If you ask why I have not yet published anything: my work added value to the business, with results "
          "the desk used every day.", "Re: your application"),
         ("Thanks for your input on my performance review; the reviewer comments go to HR by Friday.", "PRC"),
         # a public call, an outcome, software "applications" and a verb "grant"
         ("Appel à projets ANR 2026 : dépôt des pré-propositions avant le 20 octobre, guide du déposant en ligne.",
          "AAPG"),
         ("Bonne nouvelle : notre projet ANR a été retenu ! Le dépôt de la version finale du budget est le 3.",
          "ANR"),
         ("To complete the draft, administrators grant each application its access rights.", "Access"),
         ("Our patent-pending platform compares quotes from 200 suppliers; book a demo today.", "Demo")],
    ),
    "people_comment": (
        [("Entre nous, Paul Martin manque d'autonomie et son dernier rapport était bâclé.", "Paul"),
         ("Mme Durand n'est pas au niveau attendu ; je ne recommande pas le renouvellement de son contrat.",
          "Contrat"),
         ("Frankly, John Smith is unreliable: he missed three deadlines and his report was sloppy.", "John"),
         ("Entretien annuel de Karim Benali : objectifs non atteints, comportement conflictuel avec l'équipe.",
          "Entretien annuel"),
         ("I would have reservations about hiring Emma Jones; she needed a lot of guidance.", "Reference"),
         ("Franchement, Marc Lefort n'a pas le niveau pour encadrer des doctorants, il est désorganisé.", "Avis"),
         ("Entre nous, Sophie Blanc est toxique dans l'équipe, plusieurs collègues se sont plaints.", "Équipe"),
         ("To be honest, Peter Walsh is lazy and his code reviews are careless.", "Peter"),
         # everyday complaint: what someone never does, mistakes counted, too slow
         ("Depuis que Mme Ferrant tient notre dossier, elle ne rappelle jamais et elle ne vérifie rien.", "Dossier"),
         ("Pour Jonas : il met beaucoup trop de temps sur les relances et il s'est trompé trois fois sur les taux.",
          "Période d'essai"),
         ("Tomasz is four months late on the report and hasn't answered my last three emails; he hides behind his "
          "manager.", "WP2"),
         ("Plusieurs agents se plaignent du comportement de M. Vidal : propos humiliants devant les stagiaires.",
          "comportement"),
         ("Franchement je la sens pas, Mme Roux : elle a quitté 3 établissements en 2 ans. Je mettrais plutôt l'autre.",
          "candidature"),
         ("Avis sur le recrutement : M. Girard a un profil insuffisant, je suis défavorable.", "Comité"),
         # appraisals said without evaluation-form words: a person as subject, a habit, a stance
         ("Franchement, je ne le reprendrais pas dans l'équipe : Yann Morel arrive toujours en retard aux "
          "réunions de chantier et il oublie les comptes rendus.", "Yann"),
         ("Lina Costa a beaucoup progressé, mais elle a encore du mal à prioriser. Je vous la recommande "
          "malgré tout pour le poste.", "Lina Costa"),
         ("About Tom Reyes: bright and quick, but he tends to overpromise and never documents anything. "
          "I would not give him the client account again.", "Tom"),
         ("Between you and me, Priya Nair still hasn't understood what we expect, and she keeps missing the "
          "Friday deadlines.", "Priya"),
         ("Sur le chantier, Romain a encore validé la livraison sans prévenir personne ; il faut repasser derrière "
          "lui à chaque fois.", "Chantier"),
         ("I would not put Carla in charge of the launch again; she changed the plan without telling anyone.",
          "Launch"),
         ("Compte rendu de l'entretien préalable de M. Aubert : les faits reprochés sont reconnus, je propose une "
          "exclusion temporaire de trois jours.", "Dossier Aubert"),
         ("Appel de référence pour Inès Garnier : son ancienne cheffe la trouve fiable mais ne la reprendrait pas "
          "en management.", "Inès Garnier"),
         ("Bastien, en réunion de chantier ? Il se braque, il coupe la parole aux usagers et quitte la salle avant "
          "la fin.", "Bastien"),
         ("> - Lucie M. : objectifs atteints, à proposer pour la promotion.\n> - Hugo T. : en roue libre depuis "
          "l'été, à recadrer.", "Re: entretiens annuels"),
         ("Il est à 2 100 net et on lui propose mieux ailleurs. Les gars l'écoutent, Malik connaît chaque poste : "
          "je préfère le nommer chef d'équipe.", "Poste de chef d'équipe"),
         # a person called by a given name only, a mixed appraisal, advice on whom to avoid
         ("Kelsey means well, but she promises the client things we can't deliver.", "Heads up"),
         ("Pour la permanence, je te déconseille Ludivine Marchal : prends plutôt Ahmed.", "Permanence"),
         ("Océane est adorable avec les usagers, mais elle ne trace rien dans le logiciel.", "Accueil"),
         ("3e fois en un mois que Grégory arrive après 10 h le jour des maintenances ; un rappel à l'ordre "
          "écrit s'impose.", "Grégory – suite"),
         ("Franchement je le vois pas finir en 3 ans : chaque fois que je passe en salle blanche il est sur "
          "son téléphone.", "Re: CSI Kévin"),
         ("- Dorian Lemaire : tu peux dire à l'agence de ne pas nous le renvoyer, il a insulté le grutier.\n"
          "- Malo Petit : on le garde, il bosse et il écoute.", "intérim"),
         ("I'll be candid: Adrien has been great with the neighbours, but my PM finds him impossible to reach "
          "after 4pm. For phase 2 I'd really like Inès instead.", "Phase 2 - site lead"),
         ("Suite à l'incident, je ne remets plus Loïc Berthet sur les lignes Angleterre : ce n'est pas la première "
          "fois qu'il prend les consignes à la légère.", "Incident du 5 juillet"),
         ("Owen talked a good game but couldn't tell me what OTIF was. No from me.", "planner interviews"),
         # an adverb before the modal, a careful worker "but", a direct predicate after the person
         ("Entre nous : le directeur du site, Fabrice Gaudin, freine tout. Ses chiffres ne tiennent pas debout. Je veux "
          "m'en séparer après la fermeture.", "Re: Cholet"),
         ("The real obstacle is Mark Ellery. He contradicts his own CFO in every meeting and frankly I would not trust "
          "his disclosure.", "Tide - between us"),
         ("Julien Rouan a passé quatre ans chez nous. Juriste solide. Je serais moins affirmative sur la tenue des délais, "
          "qui a posé problème.", "Re: demande de renseignements - M. Rouan"),
         ("Pour Kylian Roche, je demande un conseil de discipline : il perturbe le cours et reste insolent avec l'AED.",
          "Kylian - 2nde B"),
         ("Dev is not pulling his weight on the night shift; he drops the ball on every handover.", "night shift"),
         ("- M. Dubreuil (contractuel) : il arrive après la sonnerie, ne sait pas tenir les 2nde ; deux collègues sont déjà "
          "venus m'en parler. Je ne suis pas sûr qu'il finisse l'année.", "premières impressions"),
         ("Sandrine est débordée : deux parents qui se sont plaints de son ton. Je ne soutiendrais pas sa demande de "
          "promotion.", "entretien pro S. Lopez"),
         ("On Head of Security: I don't think Priya's ready. In the risk session she lost the room and got defensive.",
          "titles"),
         ("Declan had a rough time in the data room sessions. He's a decent guy, but my partners will push for a stronger "
          "CFO.", "quick word"),
         ("Rory wins the room, but his file hygiene is poor. When challenged he gets defensive. I'd hold him back a "
          "year. Not ready to manage Oliver.", "Rory - promotion round"),
         ("Tessa is punctual and works hard, but she never asks a question. I frankly would not take her as a lead; "
          "as an analyst she would be excellent.", "Re: Tessa Moor - application"),
         ("Joanna wasn't keen on the night shifts, but I think she'd still be worth a second interview.",
          "Re: night shift applicants"),
         # relying on someone or not, wanting them or not, habits said in the present
         ("Between us I wouldn't rely on Declan for the migration: he overpromises and misses deadlines.", "migration"),
         ("Pour le poste, d'accord sur Inès, on la prend. Pour Hugo je confirme, il a été sec avec l'accueil.",
          "Re: entretiens"),
         ("Their account manager Yves Morel is a real pain, he rang me four times today. I don't want him on the project.",
          "vendor"),
         ("Depuis sa reprise, Loïc est rigoureux et fiable ; je propose qu'on lève l'avertissement de mars.", "Loïc"),
         # disciplinary steps, a candidate refused, a contact never there, a reference's weak point
         ("Vu le candidat de 14 h (Hugo Marsan) : il a dénigré son ancien employeur tout l'entretien. Pour moi c'est non.",
          "candidat"),
         ("Le gardien, M. Ribeiro, n'est jamais là le matin, plusieurs locataires l'ont vu partir à 10 h. Le conseil "
          "souhaite qu'il soit remplacé.", "gardien"),
         ("Suite au mandat signé sans état des lieux, je fais un avertissement écrit à Malik. Entretien préalable mardi.",
          "Malik"),
         ("Dana is a solid analyst. Honestly, managing people is not her strength: she avoids conflict.", "Reference"),
         ("Leur chef de projet (Anton) est à côté de la plaque : il répond aux mails 8 jours après.", "Fournisseur X"),
         ("Off the record: I don't think Nicolas is going to make it. Missed quota 3 quarters straight. I like him but "
          "we need to talk about options.", "honestly..."),
         ("Plusieurs parents se plaignent de Yohan : il crie sur les gamins et il a traité un petit de 'chèvre'.",
          "éducateur U12"),
         ("Quick debrief:\n- Tom B.: couldn't explain his own repo and was dismissive with Léa. Hard pass.", "debrief"),
         ("Troisième retard non motivé pour Sébastien Morin ; je propose un avis écrit et un plan d'amélioration.",
          "Sébastien - suite")],
        [("I do not feel it is constructive to attach blame; there are lessons to be learned by the team.", "Lessons"),
         # a "but" that turns to the writer's side; a judgement the writer makes of their own work
         ("Nadia Chérif est excellente, mais notre volume de commandes a doublé depuis mars et il nous "
          "faut un second poste.", "Renfort ADV"),
         ("Sam Okafor is very keen and would like to join, but wanted to know whether we could improve our offer "
          "on relocation.", "Re: offer"),
         ("Honestly, Marc Janssen, I'm sorry for the poor quality of my draft; I'll redo section 2 tonight.",
          "Draft"),
         ("Karla said she would chase the vendor, but I would not count on a response before Friday.", "licences"),
         ("Ines, I know the turnaround is far too quick, but please send the decisions back by noon.", "recruiting"),
         ("I saw a lot of Brent the last time he was here, but haven't seen you in a while.", "Re: London"),
         # a language's evaluation strategy, a magazine one likes, a name missing from a list
         ("> Caml-light n'offre aucune forme d'evaluation paresseuse ? Pierre Weis a répondu.", "Re: evaluation paresseuse"),
         ("Congratulations on the new job, Shan. FT is my favorite publication, I never miss it.", "Re: hello"),
         ("Patricia, Barbara Pierce did not show up on my list of people asking for a review.", "evaluation"),
         ("Mme Caron est au téléphone avec la banque : je la garde en ligne pendant que tu vérifies.", "Caron"),
         ("J'ai vu le voilier à vendre au port, 6 m, moteur refait. On le prend à deux si Marc est d'accord ?",
          "bateau"),
         ("Je ne mettrais pas notre taux d'erreur interne dans le dossier, c'est une donnée jamais publiée.", "Re: dossier"),
         ("Thursday and Friday are bad days for him, so Wednesday it is. No news is bad news for the market.", "Visit"),
         ("Le rapport du projet est en retard à cause de la panne du serveur.", "Rapport"),
         ("Le comportement du programme est toujours le même : il renvoie une erreur quand la liste est vide.",
          "Bug"),
         ("The new release is solid and reliable; it never crashes and always delivers the logs on time.",
          "Release"),
         ("Marie Dupont présentera le bilan jeudi ; elle enverra l'ordre du jour demain.", "Bilan"),
         ("I would recommend she book the room early, the seminar is popular.", "Room"),
         ("The script runs without telling the user; I would not put it in production yet.", "Script"),
         ("The sensor is not reliable above 40 degrees; we need a new calibration.", "Sensor"),
         ("Les candidats non retenus à l'appel d'offres seront informés après l'attribution du marché.", "AO"),
         ("Bravo à toute l'équipe pour la journée portes ouvertes !", "Merci"),
         ("Marc Lefort présentera ses travaux jeudi en séminaire.", "Séminaire"),
         ("Peter Walsh sent the minutes of yesterday's meeting.", "Minutes"),
         # the appraisal is of a thing, or in a clause with a subject of its own
         ("Dana Kowalski believes freight rates in Asia will stay weak until the spring.", "Rates"),
         ("As Hugo pointed out, the strong results of the pilot came from the new routing tool.", "Pilot"),
         ("I would not recommend splitting the order across two suppliers; Nadia agrees.", "Order"),
         ("Disagreement is often fed by a lack of information, as Ines said at the workshop.", "Workshop"),
         ("Le comportement du modèle reste le même quand Julie relance le calcul.", "Calcul"),
         ("The contract is fine, but Rowan is not authorised to sign it; please send it to legal.", "Contract"),
         ("Je prendrais la partie analyse des données et Maëlle ferait les mesures.", "Planning"),
         ("Quentin doesn't think this product has a bright future, but the demo was nice.", "Demo"),
         ("Mike is negotiating with John to put Stephen, or somebody who will replace him, on the desk.", "Desk"),
         ("Avis défavorable de la commission de sécurité pour le site de Marc Olivier : désenfumage à refaire.",
          "Commission"),
         ("Depuis la mise à jour, Julie me dit que l'export plante à chaque fois ; l'éditeur ne répond plus.",
          "Logiciel"),
         # the writer speaks of themself after naming someone
         ("I told Nora Blake the truth about my year: I repeatedly failed to meet deadlines and I tend to "
          "overpromise.", "My move"),
         ("With Hugo Marsh at home, bright and busy, I am finding it difficult to manage my priorities and I keep "
          "missing deadlines.", "Part-time"),
         # a thing that never does something, and "il" that is no one
         ("Thomas a regardé le serveur : il ne répond jamais après 22 h, c'est la sauvegarde.", "Serveur"),
         ("Avec Chloé on a vidé l'armoire, il ne reste rien des anciens dossiers.", "Archives")],
    ),
    "private": (
        [("Your stay at Casa Lentisco is confirmed for 4 guests, 9-23 August. Balance due 30 days before arrival.",
          "Booking confirmed"),
         ("Hi Steve, the docs for the remortgage: 3 payslips in the zip. Tom will send his separately.", "remortgage"),
         ("Madame, Lou a été absente 4 demi-journées non justifiées en mars. Merci de prendre rendez-vous.", "Lou - CM2"),
         ("Tom and I are renting out the flat on Mill St from June, can you add it to the return?", "Rental income"),
         ("Vendredi je suis au tribunal pour le divorce, je prends un jour de congé.", "absence vendredi"),
         ("Les examens de maman montrent un Alzheimer modéré, le médecin conseille une place en EMS.", "maman"),
         ("Désolé pour hier, ma mère a été réhospitalisée à Galway, la chimio ne passe pas bien cette fois.", "désolé"),
         ("Niamh and I called it a day last week; I'm staying at my brother's for now.", "sunday?"),
         ("I wanted to tell you before HR: my wife is pregnant, due in July, so I'd take the paternity leave.", "leave"),
         ("Voici les pièces pour le dossier de prêt (achat rue des Lices) : mes trois\nderniers bulletins de salaire et "
          "l'avis d'imposition.", "dossier prêt"),
         ("Ci-joint notre avis d'imposition ; l'apport vient de la vente de l'appartement (compromis signé, acte prévu le 30 mai).",
          "pièces pour le dossier de prêt"),
         ("Ma mère sort de l'hôpital demain, je dois aller la chercher ; on se voit ce week-end ?", "Maman"),
         ("Chéri, n'oublie pas la réunion à la crèche pour la petite ce soir. Je t'embrasse.", "Ce soir"),
         ("My wife and I are getting divorced; I'll need a few days off to sort out the flat.", "Personal"),
         ("Votre réservation : 3 nuits à l'hôtel pour 2 adultes et 2 enfants, du 12 au 15 août.", "Réservation"),
         ("Je me porte caution pour mon frère : voici mon avis d'imposition pour son dossier de location.", "Garant"),
         ("My landlord wants a guarantor for my daughter's rental application.", "Flat"),
         ("Reminder: your dentist appointment for your son is on Friday at 4pm.", "Reminder"),
         ("J'ai trouvé un appartement à Lyon, le notaire signe le compromis la semaine prochaine.", "Appart"),
         ("Pas dispo mardi : rendez-vous chez l'avocate pour la garde des enfants, il veut la résidence alternée.",
          "Mardi"),
         ("Before you hear it elsewhere: Sam and I are buying a boat and moving to the coast next year.", "News"),
         ("Je file plus tôt, le chat se fait opérer et le véto ferme à 17 h.", "Départ 16 h"),
         ("Je serai absente vendredi : j'accompagne mon père chez le cardiologue, il ne conduit plus.", "Absence"),
         ("Ma sœur a fait une chute hier soir, je suis aux urgences avec elle.", "Re: dossier"),
         ("I'll be honest: Clara and I are going through a rough patch, we started seeing a couples therapist.",
          "Re: September?"),
         ("Le courtier a rappelé : 3,45 % sur 25 ans, mensualité 1 870 €. Tu rentres à quelle heure ?", "la maison")],
        [("We are expecting additional members of the committee to attend both events.", "Events"),
         ("Bonnes vacances à tous, le laboratoire ferme du 1er au 15 août.", "Fermeture estivale"),
         ("After the seminar you can talk to my ex MBAs at 6 pm; I will be out of town the weekend before.", "Visit"),
         ("Le pot de départ de Jacques aura lieu vendredi à 17 h.", "Pot de départ"),
         ("Merci de réserver la salle de réunion pour la soutenance.", "Salle"),
         ("Le bail commercial des locaux de la rue Garibaldi est renouvelé par l'université.", "Locaux"),
         ("We'll miss you at Thursday's review, Amir; I will send the slides afterwards.", "Review"),
         ("I am writing with my partner at Lindqvist Advisory about the audit of your plant.", "Audit"),
         ("Custody transfer metering at the terminal is calibrated monthly; the divorce rate is a census figure.",
          "Metering"),
         ("Merci, mon mari doit scanner l'attestation ce soir, je vous l'envoie demain.", "Attestation"),
         ("The board keeps its veto right on the budget; good luck in the future, you'll be missed.", "Farewell")],
    ),
    "sensitive_data": (
        [("Théo m'a dit qu'il était en burn out, son médecin va sûrement l'arrêter.", "Théo"),
         # criminal proceedings, a party label, a lost pregnancy, an operation and a leave counted in weeks
         ("M. Bertin a été mis en examen jeudi, contrôle judiciaire avec interdiction de gérer.", "Bertin"),
         ("Pour la revue du dossier : Mme Caron a été élue sous l'étiquette du parti régionaliste en 2020.",
          "Revue Caron"),
         ("Sorry Mark, Tom's wife lost the baby last night and he won't be in this week.", "Tom"),
         ("Nadège s'est fait une entorse au hand, opération prévue lundi, arrêt d'au moins 4 semaines.", "Nadège"),
         # a fitness decision, a burn, a psychiatric stay, a condition one has, police informed, union reps listed
         ("Suite à la visite de reprise, M. Caron est déclaré inapte au poste de cariste.", "Visite de reprise"),
         ("Operator Tom Reed got a second-degree burn on the hand, treated at A&E, 3 days off.", "Incident line 4"),
         ("Mon fils Yanis sort de l'hôpital psychiatrique lundi, il est stabilisé sous traitement.", "logement"),
         ("My son Leo has epilepsy, it is in his care plan, and the teacher ignored it.", "complaint"),
         ("Jordan Pell suspended pending the strategy meeting. Police informed, it may become a criminal matter.",
          "LADO"),
         ("Facility time list:\nPaul Drury (NEU) 0.2\nSandra Kaur (NASUWT) 0.1", "Facility time"),
         ("Giorgi a été placé en GAV cette nuit après la bagarre, convocation au tribunal en janvier.", "Giorgi"),
         ("Je vous informe que M. Poueyto et M. Lasserre ont adhéré à notre syndicat.", "adhérents"),
         ("Marc, le rhumato a dit quoi pour Yannick ? Sa polyarthrite l'empêche de tenir les brucelles.", "RE: Yannick"),
         ("- M. Lafarge : retour d'hospit, toujours sous antibio, escarre talon G.", "transmissions"),
         ("The enhanced check on Daniel Reed shows a 2019 caution for possession.", "DBS - Reed"),
         ("Mme Benali dit qu'on lui a fait une remarque sur son voile en réunion.", "réclamation"),
         ("Nadia est en arrêt depuis lundi, elle s'est fait opérer de l'épaule.", "Nadia"),
         ("Mehdi a encore été positif au test salivaire ce matin, je le retire de la nacelle.", "Mehdi"),
         ("Sorry for the delay: my daughter Ana was in hospital for a week with pneumonia.", "delay"),
         ("Samir et Karim jeûnent pendant un mois, on décale leur pause.", "planning"),
         ("Love, she rang me: the biopsy came back, they're saying lumpectomy and then radiotherapy in July.", "your mam"),
         ("Karim a été désigné représentant de section syndicale la semaine dernière, il est donc salarié protégé.",
          "info CSE"),
         ("Oisín asked for live captions: he lost most of the hearing in his left ear after meningitis.",
          "Oisín - Tuesday call setup"),
         ("Pour Lilou Bertin, son PAI est à jour : traitement de fond pour l'asthme, trousse à l'infirmerie.", "sortie"),
         ("Sam Okafor is off for health reasons again; his sick note runs to Friday.", "rota"),
         ("Maman est en maison de retraite depuis août et elle ne reconnaît plus grand monde.", "succession papa"),
         ("Je ne pourrai pas venir à Quimper, je suis sous bracelet jusqu'en mars (aménagement de peine).", "signature"),
         ("Conjointe survivante : Anne-Marie Kerlo, sous tutelle depuis septembre.", "dévolution"),
         ("Ta mère n'a pas son rdv avec le neurologue avant septembre, elle s'inquiète pour ses trous de mémoire.", "Re: maison"),
         ("Résultats de la biopsie reçus : c'est bien la prostate, le chirurgien veut opérer avant Noël. Papa fait le fier.",
          "papa"),
         ("> Le patient VAL-03-019, M. Gérard Tanvier, a été réorienté en soins palliatifs à Redon.", "Re: retrait"),
         ("num_inclusion;initiales;NIP;date_naissance;commentaire\nVAL-01-007;L.R.;80113490;22/09/1958;pneumopathie - "
          "hospitalisé 6 j\nVAL-02-002;B.S.;81002354;05/12/1962;neutropénie fébrile", "inclusions"),
         ("Dan Morley is off again since his bypass; they put two stents in and the insurer wants the cardiology letter.",
          "Dan - claim"),
         ("Le dossier Fréville va revenir :\n- arrêt depuis mars, épisode dépressif sévère\n- invalidité catégorie 2",
          "Fréville"),
         ("matricule;age;code_cim10;libelle\nKX01187;58;F32.2;Épisode dépressif sévère\nKX00452;44;C50.9;Tumeur maligne",
          "Extraction"),
         ("M. Karim Benali est en arrêt maladie jusqu'au 30 avril suite à une dépression.", "Absence"),
         # the spec's categories said in everyday forms: a due date, a place of care, a recognised disability,
         # a complaint filed
         ("Léonie Marchal est passée : bébé prévu en mars, elle s'arrêtera début février.", "Léonie"),
         ("Élise reprend ses rendez-vous au service d'oncologie le lundi, elle sera absente l'après-midi.", "Élise"),
         ("Je suis reconnue travailleuse handicapée (surdité partielle) et aurais besoin d'une salle calme.",
          "Audition"),
         ("L'établissement a porté plainte contre l'étudiant Hugo Rivière pour usurpation d'identité.", "Section"),
         ("Julie Martin est enceinte et devra adapter son poste (suivi par la médecine du travail).", "Poste"),
         ("Paul Durand a été condamné pour conduite en état d'ivresse, selon son casier judiciaire.", "RH"),
         ("Mr John Smith, a member of the union (CGT), asked for a meeting about his disability (RQTH).", "Meeting"),
         ("Je préfère te prévenir : je suis enceinte de trois mois, le médecin du travail est au courant.", "Perso"),
         ("Mon père a fait un AVC cette nuit, il est hospitalisé en neurologie.", "Papa"),
         # a colleague called by first name, a title in capitals, a treatment or a practice alone
         ("Nadia est en congé maternité à partir du 3 mars, son accouchement est prévu fin avril.", "Absence"),
         ("Julien a fait une tentative de suicide la semaine dernière, merci de rester discrets.", "Julien"),
         ("Le casier judiciaire de M. Petit (bulletin n°3) mentionne une condamnation pour vol.", "Recrutement"),
         ("Mme Sarah Lefèvre sera absente trois semaines : elle est hospitalisée pour une intervention.", "Absence"),
         ("Our intern Lucas Meyer had an epileptic seizure yesterday; his doctor asked for a quiet desk.", "Lucas"),
         ("Mme Roux ne mange pas pendant le ramadan, il faudrait décaler le repas d'équipe.", "Repas"),
         ("Hugo sort d'une hospitalisation en psychiatrie, il reprend lundi à temps partiel.", "Retour"),
         ("Emma told me she's pregnant, due in June, but doesn't want the team to know yet.", "Emma"),
         # said the way colleagues say it
         ("Je ne pourrai pas compter sur Rémi en mai : il est sous traitement lourd et les jours de séance il est "
          "épuisé.", "Planning mai"),
         ("Pour info, Gilles a pris sa carte à la CGT et sera sur la liste en décembre.", "CSE"),
         ("Elle n'ose pas te le dire : elle attend un bébé pour l'automne.", "Noémie"),
         ("Dan is back at the clinic for a month, the drinking got out of hand again.", "Site visit"),
         ("Gaëlle a rechuté, son médecin l'a de nouveau arrêtée jusqu'à fin mars.", "Absence Gaëlle"),
         ("Priya is back after her breakdown and will do mornings only for a while.", "Return"),
         ("La candidate retenue, Mme Haddad, porte le voile ; le chef de service demande si c'est compatible "
          "avec l'accueil.", "Recrutement"),
         ("Nadia on goods-in told me in confidence she's expecting, due late September.", "reach trucks"),
         ("Steve's been off since the op and the consultant wants another look in April.", "shunter cover")],
        [("Bridage par dépression + cire basse température : 0,8 mm de paroi tenu sans vibrations.", "essai usinage"),
         ("Broche 3 : arrêt 2 jours pour changer les roulements, Karim s'en occupe.", "maintenance"),
         ("Je pense qu'il a transmis l'information au délégué du personnel avant la réunion.", "Re: Cholet"),
         ("Son traitement brut mensuel passe de 2 953 € à 3 153 € au 1er mars ; Mme Roche est informée.", "Avancement"),
         ("Dad and Mom, we visited an Orthodox church on Sunday; the guide talked about the genetics of the island's goats.",
          "Cyprus"),
         ("Lou Pai, Chairman of Energy Services; cc: Pai/HOU/EES. let cmp a b = compare a b", "org"),
         ("Electronic medical records will become the norm this decade, the report says.", "Health IT"),
         ("Hugo Perrin, 27 ans, rentre de congé parental et veut du 4 jours.", "Shortlist"),
         ("Au 1er mars, son traitement brut mensuel passe à 3 153 € ; le supplément familial est maintenu.", "Paie"),
         ("Please deliver the monitors to the Oncology Department, Level 4, via goods entrance B.", "Delivery"),
         ("Plainte pour bruit : le syndic rappelle le règlement de copropriété à tous les résidents.", "Syndic"),
         ("Séminaire de santé publique : l'épidémiologie du diabète en France, mardi 14 h.", "Séminaire"),
         ("Le département Santé publique recrute un ingénieur d'études.", "Recrutement"),
         ("Les élections professionnelles auront lieu le 6 décembre ; les listes syndicales sont affichées.",
          "Élections"),
         ("I am chairing the public health seminar on diabetes prevention next Tuesday.", "Seminar"),
         ("Happy holidays! Our calendar: Ramadan, Diwali, Hanukkah and Christmas greetings to all.", "Holidays"),
         ("The American Psychiatric Association meeting will present phase 3 clinical trial data.", "Analyst note"),
         ("Our HR policy on sick leave has been updated; see the intranet.", "Policy"),
         # specialties, insurers and wards are not a person's health
         ("Le service de chirurgie digestive déménage au 3e étage ; Mme Durand coordonne le transfert.",
          "Déménagement"),
         ("Ci-joint l'attestation de la caisse d'assurance maladie de Loire-Atlantique pour M. Petit.", "Attestation"),
         ("L'activité d'accouchement du site de Valmont sera transférée en mars, a indiqué M. Roy.", "Maternité")],
    ),
}


@pytest.mark.parametrize("category,text,subject,expected", [
    (cat, text, subject, expected)
    for cat, (pos, neg) in CASES.items()
    for (text, subject), expected in [(p, True) for p in pos] + [(n, False) for n in neg]
])
def test_content_detectors(category, text, subject, expected):
    assert fired(category, text, subject) is expected


def test_example_forms_of_webmail_domains_stand_for_the_providers():
    """Sample mailboxes write "gmail-example.com" for gmail.com: the same private correspondent."""
    from detectors._util import PERSONAL_DOMAIN

    assert PERSONAL_DOMAIN.search("julien@laposte-exemple.net") and PERSONAL_DOMAIN.search("a@gmail-example.com")
    assert PERSONAL_DOMAIN.search("a@gmail.com") and not PERSONAL_DOMAIN.search("a@freelance-exemple.fr")


def test_kin_of_the_correspondent_and_a_guarantor_in_the_feminine_are_private():
    assert fired("private", "Je me porte garante pour la location de ma fille ; ci-joint mon avis d'imposition.",
                 "Dossier location")
    assert fired("private", "J'ai commandé le vélo sur le compte joint. Tu ne dis rien à ta mère !", "vélo",
                 sender="isa@laposte-exemple.net")


def test_mail_between_relatives_is_private():
    """A family name shared by the two ends, one of them a personal address: whatever the words."""
    text = "le garage veut 900 pour les freins, je lui dis d'y aller ?"
    assert fired("private", text, "voiture", sender="paul.lemarchand@gmail-example.com",
                 recipients=("c.lemarchand@cabinet-exemple.fr",))
    # colleagues at work, or a shop writing to a customer, share no family name
    assert not fired("private", text, "voiture", sender="paul.durand@cabinet-exemple.fr",
                     recipients=("c.lemarchand@cabinet-exemple.fr",))
    assert not fired("private", text, "voiture", sender="contact@garage-exemple.fr",
                     recipients=("c.lemarchand@gmail-example.com",))


def test_a_table_of_staff_is_no_private_conversation():
    rows = (("matricule", "nom", "situation familiale"), ("FL02205", "NGUYEN Thi", "Mariée, 2 enfants"),
            ("FL02206", "MARTIN Léa", "Divorcée, 1 enfant"))
    text = "\n".join("\t".join(r) for r in rows)
    unit = TextUnit(text=text, kind="attachment", rows=rows, content_type="csv",
                    context=MessageContext(sender="rh@gmail-example.com"))
    assert not any(m.category == "private" for d in DETS for m in d.run(unit))


def test_hard_wrapped_lines_read_as_one_sentence_for_the_lexicons():
    unit = TextUnit(text="Voici les pièces manquantes pour le dossier (achat rue X) : mes trois\nderniers bulletins.\n"
                         "Liste :\nlot 2")
    assert "mes trois derniers" in unit.folded_prose and len(unit.folded_prose) == len(unit.folded)
    assert "liste :\nlot 2" in unit.folded_prose  # a short line is a line of its own


@pytest.mark.parametrize("column,cells,found", [
    ("SEN", ("K - dyslexia", "EHCP - ASD"), True),
    ("Appartenance syndicale", ("CFDT", "CGT"), True),
    ("SEN", ("N", "N"), False),
    ("Service", ("Compta", "Accueil"), False),
])
def test_a_table_of_people_with_a_column_of_sensitive_data(column, cells, found):
    rows = (("Nom", "Prénom", column), ("Akhtar", "Zainab", cells[0]), ("Bennett", "Callum", cells[1]))
    text = "\n".join("\t".join(r) for r in rows)
    unit = TextUnit(text=text, kind="attachment", rows=rows, content_type="csv")
    assert any(m.category == "sensitive_data" for d in DETS for m in d.run(unit)) is found


def test_an_article_pasted_into_a_list_post_does_not_add_up_to_a_judgement():
    # every paragraph of a magazine piece appraises a public figure a little; on a list each counts a quarter,
    # and only the four strongest sentences count
    article = "Senator Avery tends to think case by case. " + " ".join(
        f"Senator Avery spoke at length, but he {verb} the committee." for verb in (
            "told", "warned", "briefed", "surprised", "reassured", "questioned", "thanked", "lectured", "left"))
    assert not fired("people_comment", article, "Re: [politics] the new realists", genre_hint="list")
    assert fired("people_comment", "Between us, Karl Meyer tends to promise and never delivers; I would not "
                 "put him in charge again.", "Karl", genre_hint="personal")
