"""Judgements of a person, told by the relation between a person and an appraisal in one sentence.

A reference, an interview debrief or a ranking of applicants rarely uses the words of an
evaluation form ("entretien annuel", "avis défavorable"). It says "very bright, but he tends to
vanish for weeks", "je vous la recommande sans hésitation", "she still hasn't understood what we
expect", "I would not put him in charge of anyone". What these share is a shape, not a
vocabulary: a sentence whose subject is a person (a name, or a pronoun once the mail has named
someone) and that carries an appraisal of that person: a quality or a flaw, a habit at work
("toujours en retard", "never delivers"), a stance on hiring, trusting or recommending them, or
the contrast of strengths and weaknesses. Several such sentences, or one clear stance, make a
comment on a person.

Broadcast content (press, newsletters, spam, list threads; see ``MessageContext.genre``) is not
about someone the owner deals with: there the evidence weighs little or nothing. "Le
comportement du programme" has no person as subject, so it never counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import categories as C
from .base import Detector, clamp
from .finding import Match
from .lexicon import fast_alternation, word_prefixes
from .persons import FIRST_NAME, INNER_NAME, NOT_FIRST_NAME, NOT_PERSON, PERSON, REPLY_PREFIX, TITLES, first_name_spans
from .sentences import sentences
from .unit import TextUnit

GENRE_FACTOR = {"personal": 1.0, "list": 0.25, "notification": 0.25, "bulk": 0.0, "press": 0.0, "spam": 0.0}
THRESHOLD = 1.2

# a person as the topic of the sentence: third-person pronouns and person nouns with a determiner
_PRONOUN = re.compile(r"\b(?:il|elle|he|she|him|her|his|lui|l'a|l'ai|la trouve|le trouve)\b")
_PERSON_NOUN = re.compile(
    r"\b(?:ce|cette|cet|notre|votre|the|this|our|your|my|mon|ma) (?:candidat|candidate|applicant|stagiaire|"
    r"intern|doctorant|doctorante|post-?doc|agent|agente|collaborateur|collaboratrice|collegue|colleague|"
    r"salarie|salariee|employe|employee|recrue|hire|technicien|technicienne|ingenieur|ingenieure|manager|"
    r"chef|responsable|prestataire|consultant|consultante|etudiant|etudiante|student)\b")

# appraisal evidence, on accent-folded lower-case text; each class counts once per sentence
_FLAW = re.compile(
    r"\b(?:paresseu(?:x|se)(?<!valuation paresseuse)|lazy(?! (?:evaluation|loading|initiali[sz]ation|list|sequence|"
    r"stream|val|value))|negligent\w*|careless|sloppy|desorganise\w*|disorgani[sz]ed|brouillon(?:ne)?|"
    r"bacle\w*|immature|arrogant\w*|abrasive|agressi(?:f|ve)|aggressive|conflictuel\w*|toxique|toxic|"
    r"incompetent\w*|mediocre|decevant\w*|disappointing|insuffisant\w*|unreliable|peu fiable|pas fiable|"
    r"lent(?:e)? a|trop (?:lent|lente|junior|tendre|scolaire|juste|leger|legere)|too (?:junior|slow|green)|"
    r"rigide|borne\w*|difficile a (?:gerer|vivre|manager|encadrer)|hard to (?:work with|manage|reach)|"
    r"difficult to (?:work with|manage)|pas (?:a la hauteur|au niveau|autonome|rigoureu\w+|serieu\w+|motive\w*)|"
    r"not (?:up to|good enough|reliable|autonomous|rigorous|serious|a team player)|"
    r"n'a pas le niveau|pas convaincu\w* (?:de|par)|fait le minimum|does the bare minimum|n'(?:etait|est) plus vraiment la|"
    r"manque (?:de|d')\s?\w+|lacks \w+|lack (?!of\b)\w+|weak|faible|fragile|limite|moyen(?:ne)? sans plus|"
    r"unprofessional|pas professionnel\w*|ingerable|odd|bizarre|peu (?:motive|implique|rigoureux|fiable|autonome)\w*|"
    r"sechement|inutilement \w+|se laisse (?:completement |vite )?deborder|ne trace rien|tient mal|overpromis\w*|"
    r"promised \w+ we can't|takes? (?:the )?credit|comme (?:le sien|la sienne)|as (?:his|her) own|sits on \w+|coasts?|coasting|"
    r"closing nothing|(?:lie|lies|lied|lying|ment|mentait|a menti)|cheat\w*|trich\w*|(?:her|his) timesheet|"
    r"(?:n'ecoute|ne respecte|ne tient) (?:rien|personne|jamais|pas)|se ridiculiser|no longer believe|"
    r"quick to (?:promise|blame|judge|anger|take offen\w+)|prompte? a (?:promettre|s'emporter)|impossible to reach|"
    r"injoignable|(?:we|on a) (?:lost|perdu) (?:two|three|four|deux|trois|quatre|\d+) (?:weeks|semaines)|a la legere|"
    r"desagreable|couldn't tell me what|(?:don't|do not) think (?:he|she|[a-z]+)(?:'s| is) ready|lost the room|"
    r"a perdu la salle|got defensive|ne sait pas (?:tenir|gerer|encadrer|s'organiser)|(?:can't|cannot) (?:handle|control|"
    r"manage) (?:the|his|her|a) (?:class|team|group|pupils|students)|(?:est|etait) (?:completement )?debordee?\b|insolente?s?|perturbat(?:eur|rice)|ingrate?|malpolie?|grossiere?|"
    r"(?:ne )?fout rien|tire au flanc|decroche|en (?:grande )?difficulte (?:scolaire|en classe)|manque de respect|"
    r"comportement (?:inadapte|inacceptable|problematique|deplace)|not pulling (?:his|her|their) weight|drops? the ball|"
    r"on (?:his|her) (?:last|final) warning|(?:can't|cannot) be trusted|rude to|no-show|a liability|out of (?:his|her) depth|"
    r"depasse\w* par (?:le|la|les|ses)|ne tien(?:t|nent) pas (?:debout|la route)|(?:il|elle) a fuite|"
    r"(?:ont|a|avaient|avait) pose (?:probleme|des problemes)|(?:his|her|their|son|sa|ses) [\w' -]{2,25}? (?:is|are|was|est|sont|etait) (?:really |"
    r"very |quite |too |assez |tres |vraiment |plutot )?(?:poor|bad|sloppy|mauvaise?|lamentable|catastrophique|insuffisante?)|not (?:yet )?ready (?:to|for) "
    r"(?:manage|lead|run|supervise|promotion|the role|management)|pas (?:encore )?pr[eê]te? (?:a|pour) (?:encadrer|manager|"
    r"diriger|le poste|la promotion)|"
    # plain words of everyday complaint: a quality said as its excess, mistakes counted, what someone hides behind
    r"(?:est|etait|is|was) d'une (?:rigidite|lenteur|negligence|mauvaise foi|arrogance|incompetence|nullite|mollesse|"
    r"froideur|agressivite|lourdeur)|se cach\w+ derriere|hides? behind|"
    r"(?:met|mettent|mettait|prend|prennent|prenait) (?:beaucoup |bien |vraiment |toujours )?trop de temps|"
    r"takes? (?:far |way |much )?too long|(?:s'est|se sont|s'etait) trompee?s? (?:deux|trois|quatre|plusieurs|\d+) fois|"
    r"(?:deux|trois|quatre|plusieurs|\d+) erreurs (?:sur|dans|de)|made (?:two|three|four|several|\d+) (?:mistakes|errors)|"
    r"n'ose (?:pas|jamais)|(?:est|is|etait|was) (?:trop |tres |vraiment |super |si |so |too |very )?(?:lente?|slow)\b|"
    r"laiss\w+ en plan|left (?:us|me|them) (?:in the lurch|hanging|high and dry)|manque \w+ (?:de|d')\s?\w+|"
    r"(?:don't|do not) think (?:he|she) (?:has|is|can|could|would) (?:the (?:capacity|skills?|experience|level|maturity|"
    r"authority|bandwidth)|capable|up to|ready|the right|handle|manage|lead|cope)|"
    r"un (?:petit chef|incapable|boulet|escroc|tire-au-flanc|manipulateur|menteur)|une (?:peste|manipulatrice|menteuse|"
    r"incapable)|(?:a|an) (?:jerk|idiot|control freak|liar|bully)\b|"
    r"(?:clearly|obviously|manifestement|visiblement) (?:not|pas) (?:checked|verified|verifiee?s?|relue?s?|proofread|tested|testee?s?)|"
    r"presente\w* (?:mes|nos) (?:resultats|travaux|idees|chiffres)|presented (?:my|our) (?:results|work|ideas|figures)|"
    r"propos (?:humiliants|deplaces|insultants|racistes|sexistes|blessants)|mais sans plus|but nothing more|"
    r"(?:est|etait) (?:completement |totalement )?depassee?\b|(?:a ete|est|etait) (?:tres )?seche? avec|"
    r"a (?:real )?drag on|a (?:real|total) pain\b|leaks? to the press|a cote de la plaque|procedurier\w*|"
    r"(?:a )?traite (?:un |une |le |la )?\w+ (?:d'|de )(?:'|«|\")?\w+|parle (?:de plus en plus )?mal (?:aux|a|au)\b|"
    r"crie sur (?:les|ses|des)\b|raccroche\w* au nez|perd(?:u)? le vestiaire|pour indiscipline|picol\w+|"
    r"dismissive (?:with|of|towards)|(?:couldn't|could not) explain (?:his|her) own|come off (?:a bit |quite )?"
    r"(?:cold|arrogant|abrasive|rude)|goes dark for (?:days|weeks)|"
    r"trop sure? d'(?:elle|lui)|(?:been|is|was) short with (?:people|staff|colleagues|parents|everyone)|"
    r"(?:c'est|je trouve ca) (?:un peu |assez |plutot )?gonfle|"
    r"too sure of (?:him|her)self|overconfident|monte les autres|"
    r"(?:is not|isn't|was not|wasn't|n'est pas|n'etait pas) (?:vraiment )?(?:his|her|son|sa) (?:strength|strong point|fort|point fort)|"
    r"(?:avoids|evite) (?:the )?(?:conflicts?|les conflits)|"
    r"(?:has|have) been (?:really |very |too |so )?slow)\b")
_QUALITY = re.compile(
    r"\b(?:brillant\w*|bright|brilliant|excellent\w*|superb|outstanding|remarquable\w*|exceptionnel\w*|"
    r"rigoureu(?:x|se)|rigorous|fiable|reliable|dependable|loyal\w*|serieu(?:x|se)|autonome|independent|"
    r"motive\w*|motivated|dynamique|efficace|efficient|talentueu\w+|talented|capable|competent\w*|"
    r"solide|solid|strong|impliquee?|engaged|curieu(?:x|se)|curious|creati(?:f|ve)|organise\w*|organi[sz]ed|"
    r"pedagogue|diplomate|hard-?working|travailleu(?:r|se)|consciencieu\w+|meticulous|minutieu\w+|"
    r"bon (?:relationnel|element|profil|niveau)|bonne (?:recrue|candidate)|good (?:fit|hire|candidate))\b")
_HABIT = re.compile(
    r"\b(?:toujours|jamais|systematiquement|constamment|sans cesse|souvent|regulierement|always|never|"
    r"constantly|consistently|keeps?|repeatedly|often|still)\b[^.;!?\n]{0,40}?"
    r"\b(?:en retard|late|rend\w*|livr\w*|deliver\w*|oubli\w*|forg[eo]t\w*|absent\w*|vanish\w*|disappear\w*|"
    r"plain\w*|complain\w*|interromp\w*|interrupt\w*|compris|understood|understand|respect\w*|"
    r"decalage|chasing|relanc\w*|reporte\w*|postpone\w*|rate\w*|miss\w*|deadlines?|delais|echeances)|"
    r"\b(?:tends? to|a tendance a|ont tendance a|a (?:encore |toujours |parfois |souvent |vraiment )?du mal a|struggles? (?:to|with)|has trouble|"
    r"n'a (?:toujours )?pas compris|hasn't (?:yet )?(?:understood|delivered)|never really delivered|"
    r"ne demande jamais|s'isole|needed constant \w+|besoin d'etre (?:relance|recadre|encadre)\w*|"
    r"se repose sur|rely on others|sans (?:prevenir|rien dire|verifier|consulter|nous prevenir)|without (?:telling|checking|"
    r"asking|consulting|warning)|coupe la parole|se braque|s'emporte|s'est emporte\w*|claque la porte|"
    r"quitt\w* (?:la salle|la reunion|the room)|walked out|lost (?:his|her) temper|shouted at|a crie sur|repasser derriere (?:lui|elle)|clean(?:ing)? up after "
    r"(?:him|her)|let (?:\w+ )?find out|n'a (?:meme )?pas prevenu|ne previent jamais|never tells|"
    r"missed (?:every|all|each|most|several|two|three|four|the last \w+) (?:\w+ )?deadlines?|"
    r"rate (?:toutes|chaque|la plupart) (?:les |des )?(?:echeances|deadlines|delais)|finit en rush|rend tout en retard|a un probleme avec|has a problem with|"
    r"(?:plusieurs|several|many|two|deux|trois|three) (?:\w+ ){0,2}(?:se sont plaints|complained|signalements|complaints|plaintes)|"
    r"in every (?:single )?(?:meeting|call|review)|a chaque (?:reunion|point|comite)|freine tout|"
    r"(?:\d+|un|deux|trois|quatre|one|two|three|four) (?:jours?|fois|days?|times) (?:sur|out of) (?:\d+|deux|trois|quatre|cinq|"
    r"dix|two|three|four|five|ten)|arrive (?:apres la sonnerie|a la bourre)|(?:deux|trois|plusieurs|two|three|several) "
    r"(?:collegues|parents|eleves|clients|colleagues|customers|residents|usagers|locataires) (?:sont (?:deja )?venus? m'en parler|m'en ont parle|l'ont vu|"
    r"(?:have )?(?:come to me|raised it))|"
    r"(?:perturbe|bavarde|discute|dort) (?:en|pendant le|pendant les) (?:cours|classe|reunions?)|ne rend (?:jamais|plus|pas) "
    r"(?:ses|son|les) (?:devoirs|travaux|dossiers|rapports)|absences? (?:repetees|injustifiees|a repetition)|late again|"
    r"d'apres (?:deux|plusieurs|trois) (?:usagers|clients|collegues|patients|parents)|(?:deuxieme|troisieme|second|third|fourth) "
    r"(?:signalement|plainte|complaint|warning|incident|near miss|fois|time|retard)|every single time|"
    r"(?:toujours la meme histoire|c'est la meme histoire|same story)|"
    r"(?:three|two|four|trois|deux|quatre) (?:weeks|times|fois|semaines) (?:running|in a row|de suite|d'affilee)|"
    r"the last (?:two|three) times|(?:la derniere fois|last time)[^.;]{0,30}(?:il|elle|he|she)\b[^.;]{0,40}\b(?:again|encore|late|retard|forg[eo]t|"
    r"oubli\w*|didn't|did not|n'a pas|never|jamais|shouted|cri\w*|left|parti|walked out|refus\w*)|\d+e fois|\d+(?:rd|th|nd) time|"
    r"(?:came|arrived|delivered|was) (?:in )?(?:\w+ )?(?:weeks?|days?|months?) late|(?:semaines?|jours?|mois) de retard|"
    r"refuse (?:toujours|systematiquement)|always refuses|ended up (?:writing|doing|redoing|fixing) (?:half of |most of )?"
    r"(?:his|her)|s'est (?:encore )?accroche\w* avec|clashed with|gets defensive|(?:doesn't|does not|won't) delegate|"
    r"ne delegue (?:pas|rien|jamais)|se met (?:tout de suite )?sur la defensive|(?:ce n'est pas|it's not|it is not) "
    r"(?:la premiere fois|the first time))|"
    # what someone never does: "elle ne rappelle jamais", "il ne vérifie rien" (not "il ne reste rien")
    r"\b(?:il|elle) (?:ne |n')(?!y\b|reste\b|faut\b|s'agit\b|se passe\b|manque\b|suffit\b|sert\b)"
    r"(?:(?:me|nous|vous|lui|leur|les|le|la|se) |l'|s')?(?:rappelle|repond|verifie|previent|rend|relit|ecoute|connait|"
    r"comprend|demande|respecte|lit|corrige|signale|appelle|termine|finit|tient|travaille|prepare|range|trace|delegue|"
    r"partage|explique|anticipe|dit|fait|sait|lache|note|suit|decide) (?:jamais|rien)\b|"
    r"\b(?:hasn't|has not|n'a (?:pas|jamais|toujours pas)) (?:answered|replied|responded|repondu|rappele|rendu)\b|"
    r"\b(?:is|are) (?:already )?(?:\w+ )?(?:weeks?|days?|months?) (?:late|behind)\b|\bretard systematique|"
    r"\btendance a (?!la |l'|le |les |une |un |des )[a-z]+|"
    r"\bse plaign\w+ (?:du comportement |de l'attitude |des propos )?(?:de|d')|\bcomplain(?:s|ed|ing)? about (?:his|her)\b|"
    r"\b(?:two|three|four|several|deux|trois|quatre|plusieurs|\d+) (?:missed calls|missed deadlines|appels manques|rendez-vous manques)|"
    r"\b(?:he|she) (?:doesn't|does not|never) (?:read|answer|check|reply|return)s?\b|"
    r"\b(?:misses|rate) (?:\w+ )?(?:deadlines|delais|echeances)\b|\b(?:oversells|overpromises|s'attribue)\b|"
    r"\bretards repetes\b|\bmissed (?:his |her |their |the )?(?:quota|targets?|numbers)\b|"
    r"\b(?:\d+|two|three|four) (?:quarters|months|weeks) (?:straight|running|in a row)\b|"
    r"\b(?:don't|do not) think (?:he|she|[a-z]+)(?:'s| is) going to make it\b|"
    r"\b(?:n'est|is) (?:presque )?jamais (?:la|there|around)\b|\bnever there\b|"
    r"\b(?:hasn't|has not|n'a (?:pas|jamais)) (?:\w+ ){0,2}(?:a single|un seul|une seule)\b|"
    r"\brepeated (?:lateness|delays|absences)\b|\brefuses? (?:tout|everything)\b|"
    r"\brepond (?:aux mails |aux messages )?\d+ jours (?:apres|plus tard)\b|\b(?:qu'(?:il|elle) )?apprenne a (?:ecouter|deleguer|"
    r"s'organiser|communiquer|se taire)\b|"
    r"\b(?:has|needs) to stop \w+ing\b|\b(?:doit|faut qu'(?:il|elle)) arret\w* de \w+|"
    r"\ba quitte (?:\d+|deux|trois|quatre) (?:etablissements|postes|employeurs|entreprises) en")
_STANCE = re.compile(
    r"\b(?:je (?:ne )?(?:le |la |l'|vous (?:le |la |l')|te (?:le |la |l'))(?:recommande|reprendrais|garderais|"
    r"recruterais|embaucherais|renouvellerais|promouvrais|conseille|prendrais|choisirais|retiendrais)|je ne lui (?:confierais|donnerais|laisserais|"
    r"ferais)|je ne me battrai(?:s)? pas pour (?:lui|elle)|d'avis de (?:ne pas )?(?:le |la |l')(?:prendre|recruter|garder|retenir|reprendre|titulariser)|(?:je|on) (?:prefere|propose|voudrais|prefererais) (?:le |la |l')(?:nommer|promouvoir|titulariser|garder|recruter|prendre|former)|(?:je ne suis|not) (?:pas )?sure? qu'il faille (?:le|la)|"
    # hiring, recommending, trusting someone; giving, putting or keeping them somewhere only with a modal
    r"(?:i|we)(?:'d| would| will| do| can)?(?: (?:highly|strongly|warmly|really|happily|gladly|definitely))? "
    r"(?:hire|rehire|recommend|promote|endorse|trust|vouch for) (?:him|her|them)\b|"
    r"(?:i|we)(?:'d| would) (?:(?:happily|gladly|definitely) )?(?:keep|have|take) (?:him|her|them) (?:back|on|in|as)\b|"
    r"(?:i|we)(?: (?:honestly|frankly|really|personally|probably|certainly|definitely|just|still))?(?:(?:'d| would| will) "
    r"(?:not|never)|'d never| wouldn't| won't| don't| do not| never) (?:again )?(?:hire|rehire|recommend|promote|trust|"
    r"give|put|let|keep|back|leave|take|choose|pick|select|shortlist) "
    r"(?:(?:his|her|their) \w+|him|her|them(?:(?<=hire them)|(?<=recommend them)|(?<=promote them)|(?<=trust them))|[a-z]+(?<!ing) (?:the|a|an|any|another|more|in charge|near|alone))\b|(?:recommande|recommend)e?d? (?:sans|avec|without|with) (?:hesitation|reserves?|"
    r"reservations?)|sans hesitation|(?:est )?a eviter|ne pas (?:le|la) (?:retenir|reprendre|recruter|garder)|"
    r"not (?:the right|a good) fit|pas (?:le bon|la bonne) profil|(?:retenu|ecarte)e? (?:en )?(?:premier|"
    r"premiere|deuxieme|second|dernier|derniere)|(?:my|mon|ma) (?:first|top) (?:choice|choix)|premier choix|"
    r"en (?:tete|queue) de liste|"
    # advice about whom to use or avoid, trial periods, asking for a sanction
    r"(?:je te|je vous|i'd|i would) (?:deconseille|advise against|steer clear of)|(?:prends|prenez) plutot|"
    r"(?:take|ask for|go with|pick) [a-z]+ instead|(?:the one|celui|celle|la personne) (?:to avoid|a eviter)|"
    r"(?:don't|do not|never) let (?:him|her|them)\b|je ne (?:le |la |l'|les |lui )?(?:remettrais|mettrais|laisserais|"
    r"confierais|reprendrais|enverrais|garderais) (?:pas|plus|jamais) (?:[a-z]+ )?(?:sur|a la|au|aux|en charge|responsable|"
    r"seule?|avec|chez|dans l'equipe)\b|je ne (?:le |la |l'|les |lui )(?:remettrais|mettrais|laisserais|confierais|"
    r"reprendrais|enverrais|garderais)|(?:m'en|s'en|nous en|de s'en) separer|(?:le|la) (?:licencier|virer|remercier)\b|"
    r"let (?:him|her) go\b|get rid of (?:him|her)\b|fire (?:him|her)\b|(?:je serais|i'd be|i would be) (?:plus reservee?|"
    r"moins affirmati\w+|more cautious|less positive|more reserved)|ne (?:confirme|confirmons|renouvelle|renouvelons|validons?) pas (?:la |sa )?"
    r"periode d'essai|(?:not|won't be|am not) signing off (?:his|her|their) probation|(?:extend|end|terminate|fail) "
    r"(?:his|her|their) probation|je ne veux plus (?:le|la) voir|i want (?:him|her) (?:retrained|moved|out|off)|"
    r"(?:souhaite|demande|propose|faut) (?:un |une )?(?:recadrage|accompagnement|avertissement|rappel a l'ordre|sanction)|"
    r"conseil de discipline|exclusion (?:temporaire|definitive)|(?:mise a pied|(?:un|d'un) blame|lettre de recadrage)\b|"
    r"i (?:no longer|don't|do not) (?:believe|trust) (?:his|her|him)|on ne peut plus fermer les yeux|"
    r"il faudrait que quelqu'un lui explique|(?:je ne peux|i can't|i cannot|i can no longer) (?:plus )?(?:travailler|work) "
    r"avec (?:lui|elle|him|her)|je (?:la|le) mettrais (?:\d|premier|premiere|dernier|derniere|en tete)|"
    r"give (?:him|her) a (?:co-?supervisor|mentor|minder)|hold (?:him|her|them) back\b|push for a stronger \w+|"
    r"(?:lost|losing) confidence in (?:him|her)|(?:je ne suis pas|pas) sure? qu'(?:il|elle) "
    r"(?:finisse|tienne|reste|passe|aille au bout)|i(?:'m| am) not sure (?:he|she)(?:'ll| will) (?:make it|last|finish)|"
    r"je ne soutiendrais pas (?:la |sa )?(?:demande|candidature|promotion)|i (?:wouldn't|would not|won't) support (?:his|her) "
    r"(?:promotion|application|request)|je (?:le|la) vois (?:pas|mal) (?:finir|tenir|reussir)|"
    r"i (?:don't|can't) see (?:him|her) (?:finishing|making it|lasting)|(?:on|je) (?:le|la) (?:garde|prends)\b(?! (?:en ligne|au (?:telephone|tel|bout du fil)|a diner|a dejeuner))|"
    r"on (?:le|la) prend ?[.!;]|(?:lui )?fai\w* un avertissement|avertissement ecrit|(?:written|final) warning|"
    r"(?:avis ecrit|plan d'amelioration|performance improvement plan)|\bhard pass\b|\bstrong (?:yes|no)\b|"
    r"c'est non pour (?:le poste|lui|elle)|pour le poste[^.\n]{0,40}c'est (?:non|oui)|retirer l'offre|withdraw the offer|"
    r"(?:devrait|devrions|faudrait|faut) (?:le |la )?remplacer\b|remplacer [a-z]+ par (?:un|une)\b|"
    r"ne peut pas etre (?:le|la|notre) (?:coach|entraineur|responsable|chef|capitaine)|"
    r"the strongest \w+ (?:i've|i have) seen|"
    r"entretien prealable|suspended (?:on full pay )?pending|allegations? (?:against|from)|gross misconduct|"
    r"disciplinary (?:hearing|investigation|panel)|(?:lado|dbs) referral|(?:not )?(?:to )?put (?:him|her) forward\b|"
    r"souhait\w* qu'(?:il|elle) soit remplace\w*|(?:il|elle) (?:doit|devrait) etre remplace\w*|"
    r"(?:pour moi|for me) c'est (?:non|oui|un non|un oui|no|yes)\b|pour moi (?:la|le) meilleur(?:e)?\b|"
    r"(?:a |de )?ne (?:pas|plus) nous (?:le |la )?repropos\w*|arret\w* (?:la mission|le contrat) de\b|"
    r"(?:demander|demande|propose qu'on demande) un autre interlocuteur|ask for (?:a different|another) (?:contact|person)|"
    # relying on someone, wanting them or not: "I wouldn't count on Graham", "I would not rely on him", "keep her at
    # any cost", "I don't want him in the workshops", "je ne compterais pas sur lui", "lever l'avertissement"
    r"(?:wouldn't|would not|won't|don't|do not|can't|cannot|couldn't|can no longer|no longer) (?:count|rely|depend|bank) "
    r"on (?:him|her|them|(?!(?:a|an|the|it|that|this|these|those|any|some|my|our|your|their|his|us|me|you)\b)[a-z]+\b)|je ne (?:compterais|compte|peux (?:plus|pas) compter)"
    r" (?:pas |plus )?sur (?:lui|elle)|keep (?:him|her) at (?:any|all) costs?|(?:garde[rz]?|retenir) (?:la|le) a tout prix|"
    r"(?:i|we) (?:don't|do not) want (?:him|her) (?:in|on|at|near|back|anywhere)\b|(?:lever|leve|lift(?:ing)?) "
    r"(?:l'|son |sa |the |his |her )?(?:avertissement|blame|warning)|"
    r"(?:pas|ne pas) nous (?:le|la) renvoyer|qu'(?:il|elle) soit (?:ecarte|retire)e?|soit (?:ecarte|retire)e? du (?:chantier|projet|poste)|"
    r"(?:i'd|i would) (?:really )?like [a-z]+ instead|(?:i'd|i would) (?:really )?like (?:him|her) (?:replaced|moved)|"
    r"(?:want|need|have|ought|going|got) to replace (?:him|her)\b|(?:should|must|will have to) replace (?:him|her)\b|(?:no|yes) from me\b|yes for [a-z]+\b|(?:non|oui) pour moi\b|je ne (?:le |la )?remets plus|"
    r"i'd go to the top of the (?:band|range|scale)|(?:lui|leur) (?:avons|ai|a|ont) deconseille|"
    r"(?:we|i) advised (?:him|her) against|je (?:ne )?(?:le|la) sens pas|"
    r"je (?:mettrais|prendrais|garderais) plutot|(?:ask|asking) (?:the \w+ )?for someone else|demander quelqu'un d'autre|(?:j'en peux plus|je n'en peux plus|j'en ai (?:marre|assez)|ras le bol|"
    r"(?:i'm |i am )?(?:fed up|sick and tired) with|i can't stand) (?:de |d'|du |with )?[a-z]+)")
_CONTRAST = re.compile(
    r"\b(?:seul bemol|points? (?:forts?|faibles?)|strengths?|weaknesses?|weak points?|"
    r"(?:mais|but|par contre|en revanche|however|cependant) (?:il|elle|he|she)\b|sur le plan (?:humain|technique))")

# a mixed appraisal: something good said of the person, then "but" ("brillant, mais ingérable",
# "Lena's fine with customers, but...", "Sam means well, but...")
_MIXED = re.compile(
    r"\b(?:autonome|rigoureu\w+|fiable|reliable|(?:very )?structured|structuree?|sympa\w*|gentil\w*|adorable|doue\w*|brillant\w*|solide|excellent\w*|competent\w*|capable|motive\w*|"
    r"serieu\w+|agreable|charmant\w*|likeable|friendly|smart|clever|talented|talentueu\w+|travailleu\w+|"
    r"hard-?working|works? hard|travaille (?:dur|beaucoup|bien)|bosse (?:bien|dur)|careful|soigneu\w+|ponctuel\w*|"
    r"punctual|efficace|sharp|keen|enthusiastic|enthousiaste|personable|bright|means well|does a (?:great|good) job|"
    r"fait du bon travail|decent (?:guy|person|bloke|chap)|(?:nice|good) guy|un type bien|quelqu'un de bien|(?:tres|very|really) (?:bon(?:ne)?|good)|(?:great|good|fine|bien|super) (?:with|avec) (?:the )?"
    r"(?:customers|clients|clientele|patients|users|usagers|kids|eleves|students|equipe|team)|i like (?:him|her)|"
    r"je (?:l'|le |la )(?:aime bien|apprecie)|beau cv|bon cv|great cv|strong cv|good on paper|bien sur le papier)\b[^.;!?\n]{0,50}?,? (?:mais|but|however|cependant|pourtant|sauf que)\b")
# a "but" that turns to the writer's side ("does a great job, but our activity is increasing", "is keen
# but wanted to see if we could improve our offer") says nothing against the person, unless it still
# turns against them: a negation, a "too" or "a bit", a flaw or a habit ("but I wouldn't put him in
# front of that client again")
_OUR_SIDE = re.compile(r"\b(?:we|our|us|i|my|nous|notre|nos|je|j')\b")
_TURN = re.compile(r"\b(?:n'|ne|pas|jamais|rien|aucun\w*|plus|not|\w+n't|never|no|nothing|cannot|trop|too|un peu|"
                   r"a bit|a little|excessive\w*|only|seulement|stronger|better|need to talk|needs to (?:improve|change|"
                   r"step up)|il faut qu'on (?:en )?parle|faut en parler|on doit en parler)\b")
_NEGATED = re.compile(r"(?:n't|\bnot|\bpas|\bnever|\bjamais)\s+(?:\w+\s+)?$")
_CANDOUR = re.compile(
    r"\b(?:entre nous|entre toi et moi|franchement|honnetement|sincerement|pour etre (?:franc|honnete)|"
    r"between (?:us|you and me)|frankly|candidly|honestly|to be (?:honest|frank)|off the record|in confidence|"
    r"i'll be candid|je serai (?:franc|franche|direct|directe)|sans detour|"
    r"(?:i'm|i am|we are|we're) (?:worried|concerned) about|je m'inquiete (?:pour|au sujet de)|je suis inquiete? pour)\b")

# the three decisive kinds in one pass over a whole text (a gate: three separate scans cost 2x)
# the decisive kinds in one gate over the whole text, searched by their literal starts through the word
# index the lexicon detectors already built (one regex over the whole alternation: 0.97 s on 3,900 texts of
# real and labelled mail; this: 0.75 s, the same answer for every text)
_DECISIVE = fast_alternation(_FLAW, _HABIT, _STANCE, _MIXED)

_CLASSES = (("flaw", _FLAW, 0.8), ("habit", _HABIT, 0.9), ("stance", _STANCE, 1.2), ("mixed", _MIXED, 1.2),
            ("contrast", _CONTRAST, 0.5),
            ("quality", _QUALITY, 0.5), ("candour", _CANDOUR, 0.4))
_GATE = ("il ", "elle", " he ", "she", " him", " her", "lui", "candidat", "applicant", "stagiaire", "intern",
         "doctorant", "collegue", "colleague", "agent", "post")


class Judgement(Detector):
    """Appraisals of a named or clearly designated person, sentence by sentence."""

    name = "people_comment.judgement"
    version = "1"
    categories = (C.PEOPLE_COMMENT,)

    def detect(self, unit: TextUnit) -> Iterator[Match]:
        if not unit.text.strip() or unit.kind == "subject":
            return
        text = unit.text
        folded = unit.folded
        if len(folded) != len(text):
            return  # folding changed the length (rare letters): positions would not match
        if not any(k in folded for k in _GATE) and not PERSON.search(text) and not first_name_spans(text):
            return
        if not _DECISIVE.finditer(folded, word_prefixes(folded), first=True):
            return  # no flaw, habit or stance anywhere: nothing to relate to a person
        factor = GENRE_FACTOR.get(unit.context.genre, 1.0)
        if unit.context.is_auto_reply:
            factor = min(factor, 0.25)
        if factor <= 0:
            return
        if len({m.group(0) for m in _TENDER.finditer(folded)}) >= 2:
            return  # an analysis of offers: the bidders judged are companies
        named = _names_someone(unit)
        first, kinds, scores = None, [], []
        previous = -1  # end of the last sentence that named someone
        for a, b in sentences(text):
            if unit.in_boilerplate(a):
                continue
            f = folded[a:b]
            people = _person_positions(text[a:b], f, named)
            if people:
                previous = b
            elif 0 <= previous and "\n\n" not in text[previous:a] and a - previous < 40:
                # a fragment right after a sentence about someone goes on about them ("Patrick pas là, les
                # gars attendent. 3e fois depuis la rentrée.")
                people = [0]
            if people:
                found = [(label, w) for label, rx, w in _CLASSES if _related(rx, f, people, label)]
            else:  # a stance names its person by a pronoun object ("je vous la recommande")
                found = [("stance", 1.2)] if named and _STANCE.search(f) else []
            if not found:
                continue
            # several habits or flaws of the person in one sentence ("se braque, coupe la parole, quitte
            # la salle") say more than one
            score = sum(w * (1.5 if label in ("habit", "flaw") and _distinct(label, f) >= 2 else 1.0)
                        for label, w in found)
            scores.append(min(score, 1.6))
            kinds += [label for label, _ in found if label not in kinds]
            if first is None:
                first = a
        # the four strongest sentences: an article pasted into a list post judges public figures in every
        # paragraph, and its many weak sentences must not add up to a judgement of someone the owner deals with
        total = sum(sorted(scores, reverse=True)[:4]) * factor
        decisive = {"flaw", "habit", "stance", "mixed"} & set(kinds)
        if total < THRESHOLD or not decisive or first is None:
            return
        yield Match(C.PEOPLE_COMMENT, first, min(len(text), first + 160), clamp(0.5 + 0.1 * (total - THRESHOLD)),
                    f"appraisal of a person in {len(scores)} sentence(s): {', '.join(kinds)} (weight {total:.1f})",
                    label="appraisal of a person")


def _distinct(label: str, folded: str) -> int:
    rx = _FLAW if label == "flaw" else _HABIT
    return len({m.group(0) for m in rx.finditer(folded)})


def _names_someone(unit: TextUnit) -> bool:
    """The mail names a person: a full name in the text, a first name before a verb, or a name as
    the subject line ("Re: Dmitri Volkov", "Chiara - retour entretien")."""
    if unit.persons.named_early:
        return True
    if any(m.group(1) not in NOT_FIRST_NAME for m in FIRST_NAME.finditer(unit.text[:3000])):
        return True
    if any(m.group(1) not in NOT_FIRST_NAME for m in INNER_NAME.finditer(unit.text[:2000])):
        return True
    subject = REPLY_PREFIX.sub("", unit.context.subject or "")
    if PERSON.search(subject):
        return True
    m = _SUBJECT_NAME.match(subject)
    if m and m.group(1) not in NOT_FIRST_NAME:
        return True
    # "pour ton entretien avec Mathieu", "feedback on Priya", "Re: CSI Kévin"
    return any(m.group(1) not in NOT_FIRST_NAME for m in INNER_NAME.finditer(subject)) or bool(first_name_spans(subject))


# a subject that opens with a first name: "Chiara - retour entretien", "Amandine's onboarding", "Marc:"
_SUBJECT_NAME = re.compile(r"([A-ZÉÈ][a-zéèêëàâîïôöùûüç]{2,}(?:-[A-ZÉÈ][a-zéèêëàâîïôöùûüç]+)?)(?:'s\b|\s*[-–—:,]|\s*$)")


def _person_positions(sentence: str, folded: str, named: bool) -> list[int]:
    """Where the sentence refers to a person: names, first names before a verb, person nouns
    ("cette candidate"), and third-person pronouns once the mail has named someone."""
    found = [m.start() for m in PERSON.finditer(sentence) if not NOT_PERSON.match(m.group(0))
             and not _COMPANY.match(sentence, m.end()) and _named_topic(sentence, m)]
    found += [m.start() for m in FIRST_NAME.finditer(sentence) if m.group(1) not in NOT_FIRST_NAME]
    found += [a for a, _ in first_name_spans(sentence)]
    found += [m.start() for m in _PERSON_NOUN.finditer(folded)]
    if named:
        found += [m.start() for m in _PRONOUN.finditer(folded)]
    return found


_TENDER = re.compile(r"\b(?:offres?|soumission\w*|soumissionnaires?|cctp|dce|bpu|dpgf|appel d'offres|marche public|"
                     r"attributaire|titulaire du marche|bids?|bidders?|tenders?|lot \d+)\b")
# "Nordvital Example Ltd", "Biomedica SAS": a bidder or a supplier, not a person
_COMPANY = re.compile(r"\s*(?:Ltd|Limited|SAS|SASU|SA|SARL|EURL|SCOP|Inc|Corp|Corporation|GmbH|AG|LLC|LLP|plc|BV|NV|SpA|"
                      r"Group|Groupe|Holding|Industries|Technologies|Solutions|Consulting|Services)\b\.?")

_TITLED = re.compile(rf"(?i)^(?:{TITLES}|professeur)\b")
_LINE_HEAD = re.compile(r"^[\s>*•·\-–\d.)]*$")
_NAME_END = re.compile(r"\s*(?:[(,:;\-–—]|$)")


def _named_topic(sentence: str, m: re.Match) -> bool:
    """A capitalised pair is a person when titled ("Mme Durand"), or when it opens a line or a list
    item and ends there as a name does ("Karine Dumas (41 ans) - solide"): "Energy Finance program",
    "Federal Reserve will be" or "Strong Buy" in mid-sentence are not."""
    if _TITLED.match(m.group(0)):
        return True
    line_start = sentence.rfind("\n", 0, m.start()) + 1
    return bool(_LINE_HEAD.match(sentence[line_start:m.start()]) and _NAME_END.match(sentence, m.end()))


#: how far (characters) a quality, a flaw or a habit may stand from the person it is said of
REACH = 90


# between a person and a word said of them: a clause of its own ("he thinks crack spreads will be
# weak", "Peggy feels that their success is due to very strong relationships") means another subject
_CLAUSE_BREAK = re.compile(r"\b(?:that|which|whether|because|although|whereas|while|que|qu'|car|parce|puisque|"
                           r"lorsque|quand|tandis|alors que|dont)\b|;|\b(?:will|would|should|could|va|vont|"
                           r"sera|seront|serait)\b(?=.*\b(?:be|etre)\b)")
# the writer as the subject of a clause: what follows is said of them, not of the person named before
_WRITER = re.compile(r"\b(?:i am|i'm|i was|i've been|i have been|i feel|i felt|je suis|j'etais|je me sens|j'ai du mal|"
                     r"my|myself|moi-meme)\b")
# the person, then the verb that says what they are, then the appraisal: "she would be excellent"
_PREDICATE = re.compile(r"\w+ (?:is|was|would be|will be|seems|looks|est|etait|sera|serait|semble|a ete|parait) "
                        r"(?:(?:very|really|quite|truly|tres|vraiment|assez|plutot|un peu|a bit) )?")
# the writer right before the appraisal ("I repeatedly failed", "j'oublie toujours"): it is their own
_WRITER_BEFORE = re.compile(r"(?:\b(?:i|je)\s+|\bj')(?:\w+\s+)?$")
# "weak Euro", "strong relationships", "excellent results": an English adjective before a noun
# qualifies that noun; after a person ("he has a weak background") it is said of them
_THING_AFTER = re.compile(
    r"\s+(?!(?:and|or|but|with|for|at|in|on|to|as|about|enough|when|if|so|too|in|of|by|from|yet|then|candidat|"
    r"candidate|applicant|intern|hire|element|profil|profile|team|manager|engineer|analyst|student|person|guy|"
    r"worker|employee|fit|background|communicator|leader|writer|speaker|colleague|researcher|performer)\b)"
    r"[a-z]{3,}\b")
_ENGLISH_ADJECTIVE = frozenset(("weak", "strong", "solid", "excellent", "bright", "brilliant", "outstanding", "superb",
                                "reliable", "unreliable", "capable", "efficient", "odd", "curious", "creative",
                                "organized", "organised", "motivated", "talented", "rigorous", "independent",
                                "dependable", "engaged", "competent", "disappointing", "mediocre", "fragile"))


def _related(rx: re.Pattern, folded: str, people: list[int], label: str) -> bool:
    """The appraisal is said of the person: a stance names them by construction ("je ne la
    reprendrais pas"); a quality, a flaw or a habit must stand within :data:`REACH` of them, in
    the same clause (no subordinate clause with a subject of its own in between), and a quality
    or a flaw must not be an adjective of the thing named after it ("weak Euro")."""
    for m in rx.finditer(folded):
        if label in ("stance", "contrast", "candour"):
            return True
        head = re.match(r"\w+", m.group(0))
        if label in ("flaw", "quality", "mixed") and head and head.group(0) in _ENGLISH_ADJECTIVE \
                and _THING_AFTER.match(folded, m.start() + head.end()):
            continue  # "weak Euro", "a bright future, but": the adjective is the noun's
        if _WRITER_BEFORE.search(folded, max(0, m.start() - 25), m.start()):
            continue  # "I repeatedly failed to meet deadlines": the writer's own
        if label == "mixed" and _OUR_SIDE.search(folded, m.end(), m.end() + 40) and not (
                _TURN.search(folded, m.end(), m.end() + 90) or _FLAW.search(folded, m.end(), m.end() + 90)
                or _HABIT.search(folded, m.end(), m.end() + 90)
                or _NEGATED.search(folded, max(0, m.start() - 16), m.start())):
            continue  # the "but" turns to the writer's side, not against the person
        for p in people:
            if not -REACH <= m.start() - p <= REACH:
                continue
            if p < m.start() and _WRITER.search(folded, p + 1, m.start()):
                continue  # the writer speaks of themself in between ("with a bright 10-month at home, I am
                # finding it difficult to manage my priorities")
            if label == "habit" or _PREDICATE.fullmatch(folded, p, m.start()) or not _CLAUSE_BREAK.search(
                    folded, min(p, m.start()), max(p, m.start())):
                return True  # a habit often opens its own clause ("3e fois en un mois que Jérôme arrive...")
    return False
