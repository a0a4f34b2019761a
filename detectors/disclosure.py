"""Decisions and positions that are not public yet, told by secrecy joined to substance.

The most sensitive strategic mail carries no marking at all: "le président a décidé de ne pas
rouvrir la piscine; les agents ne sont pas au courant", "that's our floor, obviously don't forward
this", "il ne veut pas que ce soit évoqué avant le DOB". Two things meet in it: the writer says
the information is withheld from someone (not announced, not to be forwarded, before a board or a
vote, the staff do not know), and the information is organisational substance (a decision, a
closure or a merger, jobs, budget figures, a negotiation margin). Either alone is common and
harmless (a request for discretion about a birthday party; a published budget), so both are
needed, in the same text, outside signatures and disclaimers.

Broadcast content (press, newsletters, spam, lists) is not withheld from anyone: it does not count.
Secrecy about a tender (offers, candidates, a CCTP) or an unpublished result (an article, a patent)
is the substance of those categories, not a strategic decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import categories as C
from .base import Detector, clamp
from .finding import Match
from .lexicon import fast_alternation
from .unit import TextUnit

_WITHHELD = re.compile(
    r"\b(?:(?:ne|n')\s?(?:sont|est|soient|sera|seront|suis|sommes) (?:pas|toujours pas) (?:encore )?"
    r"(?:au courant|informee?s?|prevenue?s?)|(?:personne|nul) ne (?:le |l')?(?:sait|saura)|"
    r"pas encore (?:ete )?(?:annonce|officiel|public|publique|communique|acte|rendu public|arbitre|vote|tranche)\w*|"
    r"(?:on|nous) ne (?:l'|le |la |les )?annon\w+ pas|rien ne doit (?:circuler|sortir|fuiter)|(?:announce|annonce)\w*[^.\n]{0,30}\b(?:not before|pas avant)\b|"
    r"(?:don't|do not|please don't) (?:discuss|talk about) (?:it |this |that )?with \w+|entre nous pour (?:l'instant|le moment)|"
    r"ne (?:lance|publie|diffuse|envoie)\w* pas (?:les |l')?(?:annonces?|offres?|mails?) avant|don't put (?:it|this) in \w+|"
    r"(?:a )?ne pas (?:sortir|circuler) (?:du|de la|des|hors)|"
    r"personne n'est (?:encore )?au courant|pas meme \w+[.!]|pas devant (?:les|le|la|l') ?\w+|ne (?:mets|mettez|mettons) pas (?:ces|les|nos) (?:chiffres|montants|elements)|"
    r"(?:i )?haven't told \w+ yet|keep (?:this|it) off the [\w-]+ (?:list|channel|thread)|between us for now|nothing (?:must|should|can) "
    r"(?:leave|circulate|go out|get out)|ne (?:veut|veulent|souhaite|souhaitent) pas que "
    r"(?:ce|ca|cela|l'info\w*|la nouvelle|le projet) (?:soit|se) \w+|ne (?:doit|doivent) pas (?:en )?"
    r"(?:entendre parler|etre au courant|l'apprendre|savoir|sortir|fuiter|circuler|etre evoque\w*|"
    r"etre (?:diffuse|communique|transmis|partage)e?s?)|keep (?:it|this|that|them) (?:quiet|under wraps)\b|"
    # "on garde ça entre nous", "merci de les garder pour vous", "keep it to yourself until then", "ne circule pas",
    # "on ne parle pas de Montaudran tant qu'il n'y a pas de LOI", "annoncer aux équipes seulement après le closing"
    r"gard(?:e|es|ez|er|ons) (?:ca|cela|le|la|les|tout ca|l'info\w*) (?:pour (?:toi|vous)|entre nous)|"
    r"gard(?:e|er|ez) pour (?:toi|vous)|nothing in writing|rien par ecrit|"
    r"personne ne doit (?:le |l')?savoir|(?:nobody|no one) (?:must|should|can) know|ne le dis a personne|"
    r"n'en parle a personne|don't tell anyone|qu'on ne (?:communique|dit|donne) pas|dit rien (?:a|au|aux) "
    r"\w+ avant|pour (?:pas|ne pas) que [^.\n]{0,30}(?:traine|circule|sorte|fuite)|"
    r"communication (?:au|aux) (?:personnel|salaries|equipes)[^.\n]{0,40}\bapres (?:le |la )?(?:signing|closing|signature)|"
    r"not (?:to )?be (?:shared|circulated|disclosed|forwarded)|(?:no one|nobody) else yet|"
    r"personne d'autre pour (?:l'instant|le moment)|not (?:yet )?shared with (?:the )?\w+(?: yet)?|"
    r"pas encore partage\w* avec|not on the shared drive|"
    r"keep (?:it|this|that|them) to (?:yourself|yourselves)|circule(?:r|z)? pas|"
    r"(?:ne parle[zs]? pas|ne pas parler|don't (?:mention|talk about)) (?:de|du|des|d'|of|about)[^.\n]{0,40}"
    r"\b(?:tant qu|avant|until|before)|(?:annonce\w*|dire|informer|tell) (?:aux |les |the )?(?:equipes|salaries|staff|"
    r"personnel|teams)[^.\n]{0,30}\b(?:apres|after) (?:le |la |the )?(?:closing|signature|signing)|"
    # "avant le CA" withholds only when something is kept until then ("rien ne sort avant le CA", "à ne pas
    # faire circuler avant le bureau"); "jette un oeil au dossier avant le comité de lundi" is a date
    r"(?:\bpas|\brien|\bpersonne|\bne|\bn'|\bsans|\battend\w*|\bgard\w*|\bsort\w*|\bcircul\w*|\bfiltr\w*|\bdiffus\w*|"
    r"\bpartag\w*|\bvive voix|\bentre nous)\b[^.\n]{0,60}?avant (?:le |la |l'|(?:son|sa) passage (?:au|en|devant le) )?(?:dob|ca|ag|"
    r"assemblee generale|conseil \w+|annonce|comite \w+|cse|cte|ctp|vote|bureau|communication officielle|publication)\b|ne pas (?:le |l'|en |les )?(?:transferer|faire suivre|diffuser|ebruiter|evoquer|"
    r"communiquer)|garde[sz]? (?:ca|cela|le|la|les|l'info\w*) pour (?:toi|vous)|reste(?:r|z)? entre nous|"
    r"sous embargo|off the record|(?:don't|do not|please don't|please do not) (?:forward|circulate|mention|repeat|"
    r"share(?! (?:(?:that|this|your|the|his|her|their|my|our) |\w+'s )(?:view|opinion|concern|sentiment|enthusiasm|feeling|belief|"
    r"assessment|perspective|optimism|pessimism|conclusion|interpretation)))|not (?:yet )?(?:public|announced|official)\b|(?:nobody|no one) (?:else )?(?:knows|has been "
    r"told|is aware)|(?:hasn't|has not|haven't|have not) (?:yet )?been (?:announced|told|informed|made public)|"
    r"keep (?:this|it) (?:quiet|to yourself|under wraps|between us|confidential)|under wraps|embargoed|"
    r"(?:staff|employees|the team|the unions?|the board|they) (?:don't|do not|doesn't|does not) know (?:yet)?|"
    r"before (?:it is |it's |we )?(?:announce\w*|(?:the )?board|go(?:ing)? public|the vote)|"
    # telling the other side or the staff nothing: "ne leur dis pas", "under no circumstances mention"
    r"ne (?:leur|lui) (?:dis|dites|parle|parlez|montre|montrez) (?:pas|rien)|ne le (?:dites|dis) (?:evidemment |surtout |bien sur )?pas|(?:under no circumstances|never|do not|don't) "
    r"(?:mention|tell them|reveal|disclose|let them know)|keep (?:these|the|this|those) (?:numbers|figures|details|"
    r"terms) to yourself|pour (?:toi|vous) seule?s?\b|ne sera (?:pas|jamais) (?:evoque|annonce|aborde|presente|"
    r"communique)\w*|(?:rien|nothing) (?:d'officiel|official) (?:avant|before|until)|(?:on|nous) ne (?:communique|dit|annonce|"
    r"diffuse)\w* rien|ne rien (?:communiquer|dire|annoncer|diffuser) (?:avant|pour l'instant|pour le moment)|"
    r"(?:veut|veulent|souhaite\w*) l'annoncer (?:lui|eux|elle|elles)-memes?|nothing is public|rien n'est public|"
    r"if it leaks|si (?:ca|cela) fuite|keep (?:this|it) (?:strictly |entirely )?to yourself|not even \w+ for now|"
    r"pas meme (?:a )?\w+ pour l'instant|pas un mot (?:a|au|aux)\b|"
    # not to be shared with or shown to someone, kept inside a group, not official yet, left out of the formal answer
    r"(?:a )?ne pas (?:partager|montrer) (?:avec|a)\b|ne (?:rien|pas) (?:leur |lui )?(?:montrer|dire|reveler|devoiler)"
    r"(?: de tout (?:ca|cela)| de (?:ca|cela))? (?:a|au|aux)\b|(?:don't|do not|please don't|please do not) (?:copy|cc|loop in|"
    r"show (?:this|it) to)\b|ne (?:mets|mettez|mettre) personne en copie|keep (?:it|this|them|these) (?:within|inside) "
    r"(?:the |our |your )?\w+|(?:ce n'est|c'est) pas (?:encore )?officiel|ne pas en faire etat|"
    r"(?:a|en) l'exterieur (?:de l'equipe|du service|de la direction)|outside (?:the|our) (?:team|direction|department|"
    r"group)|between you and me|entre (?:toi|vous) et moi|(?:i'd|i would) rather not put (?:that|this|it) in|"
    r"je prefere(?:rais)? ne pas (?:le |la |les )?mettre dans|avant de (?:les|le|la|l') ?(?:montrer|presenter|envoyer|"
    r"transmettre) (?:a|au|aux)\b)")

# kept from a group or the public until an event, or shown to a named few: organisational by nature
# ("le personnel ne l'apprendra qu'au CSE", "only the deal team knows", "partners' eyes only")
_GROUP = (r"(?:le personnel|(?:the )?staff reps|(?:the )?staff representatives|les representants du personnel|"
          r"les elus(?: du cse)?|(?:the )?works council|(?:mes|nos|ses|leurs|my|our|his|her|their) (?:salaries|employes|equipes|agents|collaborateurs|"
          r"staff|employees|team|people)|l'(?:equipe|encadrement|ensemble du personnel)|les? (?:equipes?|services?|agents?|salaries?|collaborateurs?|syndicats?|elus?|medecins?|"
          r"familles?|usagers?|clients?|partenaires?|composantes?|departements?|consultants?|managers?|cadres?)|la presse|"
          r"staff|employees|the (?:\w+ )?(?:team|teams|staff|unions?|press|public|board|consultants|managers|workforce|clients?|"
          r"customers?|services)|programme staff|all-hands|everyone else)")
_KEPT_FROM_GROUP = re.compile(
    rf"\b(?:{_GROUP}(?: (?:de|du|des|of) (?:la |le |l'|the )?\w+)? (?:(?:ne )?(?:seront|sera) (?:informe|prevenu|averti)\w* "
    rf"(?:qu'?)?(?:apres|au moment|a la signature|le jour)|ne (?:l'|le |la |les )?(?:apprendr|saur|decouvrir)\w*|(?:ne )?(?:savent|sait|sauront) (?:rien|pas)|"
    rf"n'(?:en )?(?:sai|sav)\w* rien|n'(?:ont|a|est|sont) pas (?:encore )?(?:ete )?(?:informe|prevenu|au courant)\w*|"
    rf"(?:are |were )?not (?:yet )?(?:informed|told|consulted)|pas (?:encore )?(?:informe|prevenu|consulte)s?\b|"
    rf"(?:will|won't|will not) (?:hear|learn|know|be told)|(?:haven't|have not|hasn't|has not) (?:yet )?been (?:told|informed)|"
    rf"(?:don't|do not|doesn't) know)|(?:rien|nothing|pas un mot|not a word|surtout pas|not even) (?:a|au|aux|to) {_GROUP}|"
    rf"(?:au-dela|en dehors|beyond|outside) (?:du|de la|des|the|our) (?:comite|cercle|groupe|equipe|deal team|core team|"
    rf"steering group)(?: \w+)?|"
    rf"(?:avant d'en parler|before (?:telling|we tell|informing)) (?:a |aux |au )?{_GROUP}|on n'en parle pas|"
    rf"(?:n'en|ne pas en) parler (?:a|aux|au|dans)|not for (?:outside|external|wider|general) \w+|not for {_GROUP}|"
    rf"(?:seule?s?|only) (?:le |la |les |the |our |notre |nos )?[\w' -]{{2,30}}? (?:est|sont|is|are) (?:au courant|aware|in the loop)|"
    rf"only (?:the |our |a few |a handful of )?[\w -]{{2,25}}? (?:knows|know about|are aware|is aware)\b|"
    rf"only (?:you|me|us|[a-z]+)(?:, (?:you|me|us|[a-z]+))*,? (?:and|et) [a-z]+ (?:know|savent|sont au courant)\b|\w+ eyes only|(?:a|à) ne (?:montrer|transmettre|communiquer) qu'|"
    rf"(?:version|document|note) reservee? (?:aux|au|a)|silence radio|motus|pas un mot d'ici|"
    rf"(?:l'annonce|the announcement) (?:officielle )?(?:n'interviendra|ne (?:sera|se fera)|won't come|will not come)|"
    rf"(?:rien|nothing) (?:a|to) la presse|nothing to the press|embargoed until|sous embargo jusqu|"
    rf"(?:ne l'|l')annoncera (?:qu'|au |a |aux |le |lors)|will (?:announce|tell) (?:it |them )?(?:at|after|on) the)")

SUBSTANCE = (
    ("decision", re.compile(r"\b(?:(?:board|conseil|codir|comex|ca) (?:agreed|approved|a valide|a decide|a acte)|a (?:decide|valide|arbitre|tranche|signe|acte)|ont (?:decide|valide|acte)|decided|"
                            r"approved|signed off|arbitrages?|(?:va|vont) (?:annoncer|fermer|supprimer)|decide\w* de|"
                            r"agreed (?:last \w+ |yesterday |today )?to|plans? to|prevoit de|veut faire voter|acte\w*|"
                            r"lettre d'intention|letter of intent|we(?:'re| are)? (?:going to|planning to)|"
                            # a decision still to come: a document before the board, clients before an announcement
                            r"passage (?:au|en|devant le) (?:ca|conseil|comite|bureau|cse)|after the announcement|"
                            r"apres l'annonce|a accepte|decision (?:taken|made|prise)|(?:la )?decision est prise|"
                            r"whether (?:we|to) (?:\w+ )?(?:merge|sell|close|buy|acquire|restructure)|"
                            r"s'il faut (?:fusionner|vendre|fermer|racheter))\b")),
    ("organisation", re.compile(r"\b(?:ferm(?:er|eture|era|erons|e)|closure|clos(?:e|ing) (?:the|our|down)|"
                                r"(?:ne pas|not) (?:rouvrir|reopen|reconduire|renew)|ne (?:rouvr|reconduit|reconduir)\w* pas|"
                                r"(?:won't|will not|doesn't|does not) (?:reopen|continue|run again)|fusion|fusionner|merger|rachat|acquisition|"
                                r"cession|ceder|restructur\w+|reorganis\w+|suppressions? de postes?|licenci\w+|"
                                r"layoffs?|job cuts|plan social|reclassement|delocalis\w+|demenagement|spin-?off|"
                                r"redundanc\w+|site (?:closure|sale)|ferme (?:l'|le |la |les |notre |nos )|transfer\w* (?:de la |la |les |the |all )|"
                                r"move (?:all|the|our) \w+ to|moves? to \w+ from|go(?:es)? into consultation|reallocat\w+|reaffect\w+|relocat\w+|merge\w*|stake|reprendre \d+|due diligence|"
                                r"pivot\w*|sunset|(?:ne pas )?se representer|halve|divise\w* par deux|cut (?:to|of|by)|"
                                r"coupe\w*|suppression\w*|deficit|projet de (?:decret|loi|reforme)|(?:is|are) buying|rachete\w*|"
                                r"acheteur|repreneur|buyer|vente (?:du fonds|de la societe|de l'entreprise|du cabinet)|"
                                r"sale of (?:the|our) (?:business|company)|compromis de vente|combination|heads of terms|"
                                r"partners' vote|vote des associes|rapprochement|fermer (?:les |des )?\d+ lits|"
                                r"gel(?:er)? (?:\d+|deux|trois) postes|externalis\w+|outsourc\w+|mutualis\w+|"
                                r"(?:veut|va|souhaite|wants to|will) (?:vendre|sell)|closing|la cible|the target|"
                                r"(?:will be |is being |sera )?moved to|reprise (?:des|de l'|du|de la)|"
                                r"reprendre (?:votre|notre|le|la|les)|(?:on|nous) vend(?:ons)? (?:la boite|l'entreprise|"
                                r"la societe|la maison)|earn-?out|\bdd\b|(?:possible|potential) transaction|"
                                r"transaction possible)\b")),
    # a share of a lunch ("25 € par personne") is no organisational figure
    ("figures", re.compile(r"(?:\d[\d\s.,]*\s?(?:m€|k€|meur|md€|millions?|mds?|bn|m\b|k\b|%|\$|€|kchf|mchf|chf|x\b)|"
                           r"[$€£]\s?\d[\d.,]*\s?(?:k|m|bn|million)?\b)(?! ?(?:par personne|per person|per head|"
                           r"par tete))")),
    ("staffing", re.compile(r"\b(?:\d+|un|une|deux|trois|quatre|cinq|six|dix|one|two|three|four|five|six|ten)\s?(?:[a-z]+ )?(?:postes?|etp|jobs|positions|"
                            r"roles|emplois|salaries|agents|people|staff|fte)\b|"
                            r"\b(?:effectifs|headcount)\b")),
    ("money", re.compile(r"\b(?:bp \d{4}|budget primitif|arr|mrr|burn|runway|\d(?:[.,]\d)?x (?:arr|revenue|ebitda|le ca|sales)|budget|marges?|margin|floor|plancher|plafond|ceiling|mandat|walk away|"
                         r"position de repli|fallback|batna|taxe|tax (?:increase|rise)|tarifs?|prix|price|"
                         r"valorisation|valuation|deficit|epargne|dette|debt|investisseurs?|investors?|budgetaires?|gel(?:e|er)?|frozen|freeze|"
                         r"tresorerie|cash|ligne de credit|credit line|dans le rouge|chiffre d'affaires|revenue|funding|"
                         r"financement|subvention|dotation|echeancier|pret|loan|kchf|mchf|"
                         r"enveloppe(?= (?:budgetaire|globale|salariale|de \d|\()))\b")),
    ("negotiation", re.compile(r"\b(?:negoci\w+|negotiat\w+|on (?:propose|ouvre a|peut aller jusqu'a)|"
                               r"(?:we|i) (?:can|could) go (?:up|down) to|counter-?offer|contre-?proposition|"
                               r"seance de nego\w*)\b")),
)
# a negotiating position: where we open, how far we go, where we walk away, what we hold back
_POSITION = re.compile(
    r"\b(?:walk(?:-| )away|plan b|fallback|position de repli|(?:notre|our) (?:seul |only )?(?:levier|leverage)|bluff|"
    r"pas un (?:euro|centime|sou) de plus|not a (?:penny|cent|euro|dollar|pound) more|(?:can |could |will )?"
    r"(?:accept|concede|go) up to|conceder? jusqu'a|(?:don't|do not|won't|will not) (?:want to )?(?:go|drop|come) "
    r"(?:under|below|above|over|beyond)|ne (?:pas )?(?:descendre|aller|monter) (?:sous|en dessous|au-dela|au dela|plus bas|"
    r"plus haut)|(?:jusqu'a|up to) [\d.,]+\s?(?:m€|k€|meur|€|%|k|m)?\s?(?:ttc |ht )?(?:maxi|max|maximum)\b|"
    r"(?:open|start) (?:at|with) [+-]?\d|(?:ouvr\w+|commence\w*) (?:la nego\w* )?a [+-]?\d|nous visons|on vise|"
    r"we(?:'re| are)? aim(?:ing)? (?:for|at)|(?:on|je|nous) (?:peut|peux|pouvons|pourrait|pourrions) (?:descendre|monter|aller) "
    r"(?:a|jusqu'a) \d|vous (?:pouvez|pourrez|pourriez) (?:monter|aller|descendre) (?:a|jusqu'a) \d|"
    r"n'ouvr\w+ pas (?:au-dessus|en dessous|au dessus|plus haut|plus bas)|pas en dessous|(?:on )?garde(?:r)? (?:la|de la) marge|(?:pour )?garder de la marge|(?:to )?keep (?:some )?(?:room|headroom|margin) (?:to|for)|"
    r"(?:repondre|proposer|offrir|counter) (?:lui |leur )?a [\d.,]+ ?(?:-|a) ?[\d.,]+|(?:je|on) descend\w* a \d+|en dessous on n'y va pas|(?:on peut|we can|we could) (?:conclure|settle|close) (?:a|at) [\d.,]+|prix (?:plancher|plafond)|our (?:floor|ceiling|walk-away)|"
    r"plancher (?:a )?\d|floor (?:of|at) [$€£]?\d|(?:on peut|we can|we could) (?:lacher|ceder|give up|drop|concede)|"
    r"en echange d'un|in exchange for|contre un engagement (?:de|d')|(?:on|we) (?:lache|lachons|concede) \d|(?:won't|will not) move|ne bougera pas|non[- ]negociable|non-negotiable|red line|"
    r"ligne rouge)")
# secrecy about a tender or an unpublished result belongs to those categories (the substance decides)
OTHER_SUBSTANCE = re.compile(
    r"\b(?:offres?|candidats?|soumission\w*|cctp|dce|bpu|dpgf|appel d'offres|marche public|devis|quotes?|quotations?|(?<!information-)(?<!information )consultation(?! (?:du|des|de la) (?:cse|ce|chsct|personnel|salaries|representants))|"
    r"bids?|bidders?|tender\w*|rfp|remise|rabais|discount|bafo|best and final|pricing|article|eef|nuffield|esrc|ahrc|nihr|"
    r"innovate uk|analyse intermediaire|interim analysis|essai clinique|clinical trial|(?:double )?aveugle|"
    r"manuscrit|manuscript|publication|brevet|patent|revendications?|claims|"
    r"barometre|enquete|survey|sondage|echantillon|sample|preprint|relecteurs?|reviewers?|premiers resultats|first results|"
    r"(?:le|ce|notre|the|our) mod[eè]le|work ?packages?|letters? of (?:support|intent)|lettres? (?:de soutien|d'intention)|"
    r"part b)\b")
WITHHELD_FAST = fast_alternation(_WITHHELD)


def other_substance(folded: str, unit: TextUnit) -> set[str]:
    """The tender or research words of a text and its body's subject line ("Re: consultation transport -
    notre prix"): two of them make secrecy about it a tender's or a study's, not a strategic decision."""
    return {m.group(0) for m in OTHER_SUBSTANCE.finditer(folded + "\n" + unit.folded_subject)}


def substance_kinds(unit: TextUnit) -> list[str]:
    """The kinds of organisational substance a text holds (a decision, a closure or a merger, figures,
    jobs, money, a negotiation), outside signatures and disclaimers; a body's subject line counts with it
    ("FY26 budget - employment group")."""
    subject = unit.folded_subject
    return [label for label, rx in SUBSTANCE if unit.evidence(rx) or (subject and rx.search(subject))]


_KEPT_FAST = fast_alternation(_KEPT_FROM_GROUP)
_POSITION_FAST = fast_alternation(_POSITION)
GENRE_FACTOR = {"personal": 1.0, "notification": 0.0, "list": 0.0, "bulk": 0.0, "press": 0.0, "spam": 0.0}


class Disclosure(Detector):
    """Organisational decisions, figures or negotiation positions that the writer says are not public."""

    name = "strategic.unannounced"
    version = "1"
    categories = (C.STRATEGIC,)

    def detect(self, unit: TextUnit) -> Iterator[Match]:
        if unit.context.is_auto_reply or not unit.text.strip():
            return
        kept = unit.evidence(_KEPT_FAST)
        withheld = unit.evidence(WITHHELD_FAST) + kept
        position = unit.evidence(_POSITION_FAST)
        # our own negotiating limits are withheld from the other side by nature: two moves and a figure
        stance = len({m.group(0) for m in position}) >= 2
        if not (withheld or stance) or len(other_substance(unit.folded, unit)) >= 2:
            return
        if GENRE_FACTOR.get(unit.context.genre, 1.0) <= 0:
            return
        kinds = substance_kinds(unit)
        if position and "negotiation" not in kinds:
            kinds.append("negotiation")
        if not withheld:
            if "figures" not in kinds:
                return
            p = position[0]
            yield Match(C.STRATEGIC, p.start(), min(len(unit.text), p.start() + 160), 0.55,
                        f"negotiating position ('{p.group(0)[:40]}') with {', '.join(kinds)}", label="negotiating position")
            return
        if len(kinds) < (1 if kept else 2):
            return
        w = min(withheld, key=lambda m: m.start())
        yield Match(C.STRATEGIC, w.start(), min(len(unit.text), w.start() + 160),
                    clamp(0.55 + 0.05 * (len(kinds) - 2)),
                    f"not public yet ('{w.group(0)[:40]}') with {', '.join(kinds)}", label="unannounced decision")
