"""Research work that is not public yet, told by a statement of non-publication joined to research substance.

Unpublished results rarely say "résultats confidentiels". They say "we haven't published anything
yet, so please keep the numbers inside the consortium", "données préliminaires, ne pas citer",
"before we file", "the draft goes to the funder next month". What makes such a mail a risk is the
meeting of two things: the writer says the work is not published, submitted or filed yet (or asks
that it not circulate), and the text carries research substance (results, measurements, a
prototype, a manuscript, a grant proposal, an invention). A call for papers has substance but is
public; a request for discretion about a party has no substance: neither fires.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import categories as C
from .base import Detector, clamp
from .disclosure import WITHHELD_FAST
from .finding import Match
from .lexicon import fast_alternation
from .unit import TextUnit

_NOT_PUBLISHED = re.compile(
    r"\b(?:pas encore (?:ete )?(?:publie|soumis|depose)e?s?|not (?:yet )?(?:been )?(?:published|submitted|filed|"
    r"peer[- ]reviewed)(?! anything| much| a (?:paper|book|word))|haven't (?:yet )?(?:published|submitted|filed)|have not (?:yet )?(?:published|submitted|filed)|"
    r"avant (?:la |le |sa |son )?(?:publication|soumission|depot|deposer|soumettre|publier)|before (?:publication|"
    r"submission|filing|we (?:publish|submit|file))|before (?:the |our )?(?:\w+ )?(?:submission|publication|filing)|"
    r"unpublished|non publie\w*|rien (?:n'est|n'a ete) (?:encore )?(?:publie|depose|soumis)|nothing (?:is|has been) "
    r"(?:yet )?(?:published|filed|submitted)|(?:nobody|no one|personne) (?:outside|en dehors|hors) (?:of )?(?:the |our |du |de "
    r"l'|de la )?(?:consortium|team|lab|labo|group|groupe|project|projet|service|equipe)|avant d'en parler (?:a|aux|au)|"
    r"on n'en parle pas|(?:je |on )?n'en parle pas (?:au|a la|aux|a)|rien sur le poster|(?:i )?haven't told \w+ yet|"
    r"(?:haven't|have not|didn't|did not) (?:yet )?(?:told|shown|sent|shared (?:it|this|them) with) (?:anybody|anyone) "
    r"(?:outside|else|beyond)|(?:je n'ai|on n'a|nous n'avons) (?:rien )?(?:dit|montre|envoye|parle)\w* a personne|"
    r"(?:personne|nobody|no one) ne l'a (?:encore )?(?:ecrit|publie|fait|montre)|(?:nobody|no one) has (?:written|published|"
    r"shown|done) (?:it|this|that)|(?:attendre|wait for|wait until) (?:le |la |the )?(?:depot|filing|publication|"
    r"soumission|patent|brevet)|rien a personne (?:avant|d'ici)|garder ces (?:chiffres|resultats|donnees) pour (?:l'equipe|vous|toi|nous)|"
    r"(?:soumettons|soumettrons|submit|submitting) [^.\n]{0,60}; (?:d'ici la|until then)|until (?:the |your |our )?patent is "
    r"(?:filed|granted)|avant de (?:le|la|les) laisser partir|(?:cote|question de) propriete|(?:n'a|n'avons|n'ont|on n'a) (?:encore )?(?:montre|presente|publie)\w* nulle part|"
    r"(?:ne (?:faut|doit) pas|surtout pas|rien) (?:le |la |les )?(?:presenter |montrer |dire )?(?:au|a la|aux) (?:congres|conference|"
    r"colloque|seminaire)|not (?:at|before) the (?:conference|congress|meeting) (?:before|until)|"
    r"(?:proposal|application|candidature|dossier de candidature|lettre d'intention)[^.\n]{0,60}\b(?:deadline|date limite)\b|(?:still )?patent[- ]pending|brevet en cours de depot|"
    r"demande de brevet en cours|(?:doit|doivent) rester hors du (?:texte|document|dossier)|(?:draft|brouillon|version de "
    r"travail) (?:of |de |du )?(?:our |the |notre |la |le )?(?:[\w&]+ ){0,6}(?:application|proposal|candidature|dossier de "
    r"candidature)|not for (?:the )?[\w ]{2,20} yet|pas (?:encore )?pour (?:le|la|les) [\w ]{2,20} (?:pour l'instant|encore)|je ne montrerai rien|tant qu'on n'a pas (?:vu|fait|depose)|on ne publie rien avant|before i mention it to|"
    r"(?:garder|gardez|keep) (?:les chiffres|les resultats|les donnees|the numbers|the figures|the results|the data) "
    r"(?:dans|within|in|inside) (?:l'equipe|the team|the project team|l'equipe projet)|proteger avant (?:le|la) (?:papier|publication)|"
    r"protect (?:it )?before the paper|talk(?:ing)? to (?:the |our |\w+'s )?ip (?:people|team|department|lawyers?)|ne montre(?:r|ra|rons)? rien|rien n'a ete montre|"
    r"avant d'avoir (?:vu|depose|cale|publie)|(?:ne sont|n'est|isn't|aren't) publie\w* nulle part|ne sort pas d'ici|"
    r"(?:ca|cela) attendra l'article|(?:keep|garder|gardez) (?:it|them|ca|les|this) (?:within|in|en|inside) "
    r"(?:the group|the team|interne|l'equipe)|need-to-know|a garder en interne|keep (?:it|them) out of|hors de l'equipe|"
    r"internal (?:only|draft)|treat (?:this|it)(?: draft)? as internal|no quotes? to|(?:ne )?(?:la|le|les) fais pas circuler|"
    r"(?:ne pas|don't|do not|please don't) (?:citer|cite|circuler|circulate|"
    r"diffuser)|keep (?:the (?:numbers|data|results)|this|it) (?:inside|within|internal)|"
    # kept out of a report or any outside word until the paper; figures not consolidated yet
    r"ne (?:pas |rien )?(?:mettre|mets|mettez|mettons)(?: pas| rien)? dans (?:le|la|les|notre|nos) (?:rapport|presentation|plaquette|"
    r"newsletter|site|bilan)|(?:leave|keep) (?:it|them|this|these) out of (?:the|our) (?:report|deck|newsletter)|"
    r"(?:pas|aucune?) (?:de )?communication externe|no external communication|(?:ne sont |n'est )?pas (?:encore )?consolide\w*|"
    r"not (?:yet )?consolidated|non consolide\w*|(?:on )?gard\w* (?:ca|cela|tout ca|les resultats) pour (?:l'article|le papier|"
    r"la publication|la these)|"
    r"(?:soumettons|soumettrons|soumettre|submit|submitting)[^.\n]{0,80}(?:d'ici la|until then|jusque-la)|"
    r"prot[eè]g\w* avant (?:que|de|qu'|d')|protect (?:it|this) before|"
    # the journal still to aim for: "on peut viser Nature Plants avec ça ?"
    r"(?:on (?:peut|pourrait|va|devrait)|peut-on|pourrait-on) viser (?:nature|science|cell|pnas|plos|une revue|la revue|\w+ (?:letters|journal))|"
    r"(?:could|should|can|shall) we (?:aim|go|shoot) for (?:nature|science|cell|pnas|a (?:top|good|high-impact) journal)|"
    r"(?:keep|save|saving|keeping) (?:it|this|them|these) for the (?:\w+ )?(?:paper|article|publication)|"
    # not approved or registered yet, shown nowhere before acceptance, kept within the team
    r"pas encore (?:ete )?(?:approuve|valide|enregistre)\w*|(?:hasn't|has not|haven't|have not|not) (?:yet )?(?:been )?"
    r"(?:registered|approved)|treat (?:it|this) as confidential|(?:won't|will not|ne) (?:show|montre\w*|presente\w*)"
    r"[^.\n]{0,60}\b(?:before|avant)\b|not public and|(?:keep|gardez|garder) (?:it |this |them )?(?:strictly )?within "
    r"the (?:team|group|project)|ne pas (?:le |la |les )?diffuser en dehors|(?:manuscrit|article|papier|"
    r"proposition|dossier|projet) (?:est )?(?:encore |toujours )?en (?:cours de )?(?:redaction|preparation|relecture|"
    r"revision)|(?:paper|manuscript|proposal|application) (?:is )?(?:still )?(?:in preparation|under (?:review|"
    r"revision))|under embargo|sous embargo|rien ne sort(?:ira)? (?:tant que|avant|d'ici)|tant que (?:c'est|c'etait|il est|"
    r"elle est) en (?:review|relecture|revision|evaluation)|while (?:it's|it is) (?:in|under) review|"
    # sat on until the paper, kept off the shared drive, not in what was published, not publishable as it is
    r"(?:please )?keep (?:it |this |them )?internal|sit on (?:it|this|them) until|until the paper (?:goes in|is (?:out|in|"
    r"submitted|accepted))|(?:i )?haven't (?:even )?shown (?:it to )?(?:my|our|the)|(?:ne (?:le |la |les )?mets? pas|pas) sur "
    r"le (?:serveur|drive|disque|sharepoint) partage|not (?:on|in) the shared (?:drive|folder|server)|notre savoir-faire|"
    r"not in the published|pas dans les (?:tableaux|chiffres|donnees) publie\w*|non publiables?|ne partage pas encore avec|"
    r"(?:personne|nobody|no one) (?:hors|outside) (?:de )?(?:la |the )?r ?& ?d|gard\w* pour (?:le depot|le brevet|le papier)|"
    r"(?:c'est|is) (?:probablement |surement )?(?:brevetable|patentable)|pas de photos|no photos|presentation prevue)\b")
# research substance; generic words (data, draft, figures, paper, claims) are not enough on their own
_SUBSTANCE = re.compile(
    r"\b(?:(?:resultats|results) (?:du|de la|des|of the|from the) (?:pilote|pilot|proto(?:type)?s?|campagne|essais?|tests?|experimentation|"
    r"etude|trial|study|run)|resultats?|results?|mesures|measurements?|prototypes?|essais? (?:clinique|cliniques|preliminaires)|"
    r"(?:clinical )?trials?|manuscrit|manuscript|preprint|projet (?:anr|erc|europeen)|grant|work ?package|"
    r"invention|brevet|patent|revendications|banc d'essai|test bench|rapport (?:de recherche|intermediaire)|"
    r"experiments?|simulations?|cohorte|cohort|echantillons|hypothes[ei]s|reviewers?|rapporteurs?|referees?|"
    r"donnees (?:brutes|experimentales)|raw data|wp\d+|prelevements|mis au point|courbes|manip|replicates?|"
    r"endpoint|catalyseur|wind tunnel|(?:\d+|deux|trois|quatre) (?:samples?|echantillons?|eprouvettes?|specimens?|souris|"
    r"mice|runs?|essais) (?:out of|sur) (?:\d+|trois|quatre)|aide demandee|premiers chiffres|first (?:numbers|figures|results)|"
    r"lignes? temoins?|groupe temoin|theoremes?|thm|lemmes?|lemmas?|theorems?|preuves?|proofs?|conjectures?|"
    r"heuristi\w+|baselines?|enquete|echantillon|(?:passe|passent|drops?|goes|went) (?:de|from) \d+(?:[.,]\d+)? ?(?:mm|%|ms|kg|db|c) "
    r"(?:a|to) \d|(?:mesure|teste|essaye)\w* sur \d+ (?:pieces|echantillons|eprouvettes|"
    r"samples|units|parts)|donnees preliminaires|preliminary (?:data|results)|espacenet|prior art|etat de la technique|"
    r"personne ne fait (?:ca|cela)|\d+/\d+ (?:bien )?(?:classes|correct\w*|detect\w+)|part b|horizon-[\w-]+|depot (?:inpi|de brevet)|inpi|conseil en pi|patent attorney|grant ask|montant demande|novelty|"
    r"state of the art|etat de l'art|best published|meilleur resultat publie|"
    r"control (?:group|lines?)|(?:can't|cannot) see anyone doing it|nobody (?:else )?is doing (?:it|this)|"
    r"ip (?:people|team|department)|verrous (?:scientifiques|technologiques)|first look at the (?:\w+ )?data|in-situ data|beamtime|survey (?:finds|found)|etude de terrain|signal boost|proteger (?:quelque chose|l'idee|"
    r"l'invention|le concept)|protect (?:it|the idea|the invention)|"
    # results of a trial or a pilot, a campaign of tests, values measured with their unit, a test on n items
    r"p ?[=<] ?0[.,]\d+|-?log10 ?\(?p|significati(?:f|ve|vement)|statistically significant|r2 ?= ?0[.,]\d|odds ratio|"
    r"hazard ratio|ic ?95|95 ?% ci|n ?= ?\d+ (?:plots?|plants?|patients?|samples?|mice|souris|parcelles|sujets|subjects)|"
    r"\d+(?:[.,]\d+)? ?°c (?:below|above|de moins|de plus)|(?:still|encore) preliminai?r\w*|gwas|qtl|"
    r"protocoles?|protocol|cpp|comite d'ethique|ethics (?:committee|approval)|primary (?:outcome|endpoint)|"
    r"critere (?:de jugement )?principal|interim (?:data|numbers|results|analysis|summary)|resultats intermediaires|"
    r"memoire(?! technique)|(?:ma|ta|sa|la|une|notre|votre|leur) these|thesis|dissertation|soutenance|bras (?:controle|temoin)|readout|"
    r"campagne (?:d'essais|de mesures|de tests)|test campaign|"
    r"\d+(?:[.,]\d+)? ?(?:mpa|gpa|kpa|µm|nm|mg/l|µg|mg/kg|ppm|ppb|t/ha|q/ha|kg/ha|mmol|µmol|khz|mhz|kwh|kn)|"
    r"teste\w* sur \d+ [a-z]+|tested (?:on|with) \d+ [a-z]+|version soumise|submitted version|calculs (?:de|sur) \w+|"
    r"fatigue (?:campaign|tests?|life|results)|essais? de fatigue|coupons|eprouvettes|\d+ ?(?:mm/s|w)\b|"
    r"sensitivity analysis|analyse de sensibilite|attrition|protos?|prototypes?|fiche invention)(?!\w)")
# research substance that is research by itself: a manuscript, an invention, a patent
_STRONG = re.compile(r"manuscrit|manuscript|preprint|invention|brevet|patent|revendications|description de l'invention|"
                     r"depot inpi|inpi|"
                     r"version soumise|submitted version|"
                     r"(?:resultats|results) (?:du|de la|des|of the|from the) (?:pilote|pilot|campagne|essais?|tests?|"
                     r"experimentation|trial)")
# substance that business mail has too: not enough on its own
_GENERIC = frozenset(("premiers chiffres", "first numbers", "first figures", "hypothese", "hypotheses", "hypothesis",
                      "resultat"))  # "38 % du résultat" is a profit
# a call for papers asks for unpublished work: it is public
_CALL = re.compile(r"\b(?:call for (?:papers|abstracts|proposals|submissions|contributions|participation|posters)|cfp|"
                   r"appel a (?:communications|contributions|projets)|submission (?:fee|deadline|guidelines|url|site|"
                   r"instructions)|submit your|soumettez|important dates|dates importantes)\b")
_TENDER = re.compile(r"\b(?:quotes?|quotations?|bidders?|bids?|tenders?|offres?|devis|rfp|soumission\w*|"
                     r"appel d'offres|rate card)\b")
# A grant proposal being written is unpublished by nature: nobody needs to say so. It is told by three
# things together: a funder's scheme or a grant, the proposal as an object (a Part B, a letter of
# intent, work packages, the sum asked), and the work still to do before it goes (a draft, "your
# section", comments by a date, the submission ahead). A call for proposals has the first two only.
_FUNDER = re.compile(
    r"\b(?:anr|erc|phrc(?:-[kni])?|preps|pepr|jcjc|eic|msca|marie (?:sklodowska-)?curie|horizon(?: europe|-\w+)|h2020|"
    r"fp7|interreg|eurostars|nih|epsrc|bbsrc|ukri|wellcome(?: trust)?|leverhulme|dfg|r01|r21|equipex\+?|labex|idex|eef|nuffield|esrc|ahrc|nihr|innovate uk|"
    r"france 2030|cper|feder|innosuisse|snsf|nwo|fwf|vinnova|(?:l'|pour l'|a l')appel [\"'«“]|"
    r"grant (?:proposal|application|ask|request|writing)|research grant|research funding|bpi(?:france)?|"
    r"reponse a l'appel a projets|response to the call|"
    r"aide (?:a|pour) (?:l'|le |un )?(?:projet d')?innovation|innovation (?:grant|aid|funding)|eic accelerator|fonds de recherche|subvention de recherche|financement de (?:la )?recherche|fondation|foundation|"
    r"funding (?:application|bid|proposal|request)|demande de (?:financement|subvention))\b")
_PROPOSAL = re.compile(
    r"\b(?:proposals?|applications?|bid|candidature|dossier (?:de candidature|anr|erc|jcjc|pepr|phrc)|lettre d'intention|"
    r"letter of intent|pre-?propos\w+|part [ab]|annexe technique|budget (?:total )?vise|partie (?:industrielle|scientifique)|dossier(?= [^.\n]{0,60}\b(?:depos|soumet|submit))|annexe (?:financiere|scientifique)|impact section|partie impact|"
    r"specific aims|aims page|montant demande|aide demandee|budget (?:demande|"
    r"request(?:ed)?|ask)|(?:we|on|nous) (?:ask|request|demande|demandons) (?:for )?(?:about |environ )?(?:\d|eur|€)|"
    r"demande \d[\d\s,.]*\s?(?:k€|m€|€|keur))\b")
_BEFORE_SUBMISSION = re.compile(
    r"\b(?:draft|brouillon|v\d+[.,]\d+|version (?:de travail|provisoire)|"
    r"(?:ta|votre|ma|notre|your|my|our) (?:partie|section|part|contribution|paragraphe|demi-page|half-page|page)|"
    r"comments? (?:by|before)|commentaires? (?:avant|pour le)|relecture|relire|a completer|"
    r"deadline|date limite|(?:le )?depot (?:est |de la |du |prevu |avant |le )|"
    r"(?:submit|submission|soumission|deposer|depose|deposons) (?:le |on |by |du |avant |before |is |est |\d)|"
    r"avant (?:le )?depot|before (?:we )?submi\w+|chiffrages?|still (?:missing|need)|il (?:me )?manque)\b")
_SCHEME_PARTS = re.compile(r"part [ab]|specific aims|aims page")
# what comes after a proposal: an outcome, or a public call inviting them
_AFTER = re.compile(r"\b(?:laureat|retenu|finance par|funded by|awarded|has been funded|a ete finance|not funded|"
                    r"non retenu|rejected|was successful|resultats de l'appel|info ?day|webinar|webinaire|aapg|"
                    r"(?<!reponse a l')appels? (?:a|aux) projets|call (?:for|opens|is open)|open call|calls? for proposals|guide du "
                    r"deposant|eligib\w+)\b")
_NOT_PUBLISHED_FAST = fast_alternation(_NOT_PUBLISHED)
GENRE_FACTOR = {"personal": 1.0, "notification": 1.0, "list": 0.0, "bulk": 0.0, "press": 0.0, "spam": 0.0}


class Unpublished(Detector):
    """Results, manuscripts, proposals or inventions that the writer says are not public yet."""

    name = "research.unpublished"
    version = "1"
    categories = (C.RESEARCH,)

    def detect(self, unit: TextUnit) -> Iterator[Match]:
        if not unit.text.strip() or unit.kind == "subject":
            return
        found = list(self._not_published(unit))
        yield from found or self._proposal(unit)

    def _not_published(self, unit: TextUnit) -> Iterator[Match]:
        """Research substance the writer says is not public yet."""
        markers = unit.evidence(_NOT_PUBLISHED_FAST) + unit.evidence(WITHHELD_FAST)
        if not markers or GENRE_FACTOR.get(unit.context.genre, 1.0) <= 0:
            return
        found = unit.evidence(_SUBSTANCE)
        # a body is read with its subject line ("WP3 results - before the Vienna paper"); other units have none
        in_subject = {m.group(0) for m in _SUBSTANCE.finditer(unit.folded_subject)}
        substance = {m.group(0) for m in found} | in_subject
        # a manuscript or an invention is research by itself, unless it is the marker's own word ("patent-pending");
        # named in the Subject it counts too ("Patent draft - for valuation" over "nothing is filed yet")
        strong = any(_STRONG.fullmatch(m.group(0)) and not any(k.start() <= m.start() < k.end() for k in markers)
                     for m in found) or any(_STRONG.fullmatch(w) for w in in_subject)
        if (len(substance) < 2 and not strong) or not substance - _GENERIC or _CALL.search(unit.folded):
            return  # "premiers chiffres" and a "hypothèse" are a budget's as well as a study's
        if len({m.group(0) for m in _TENDER.finditer(unit.folded)}) >= 2:
            return  # secrecy about quotes and bidders is a tender's
        first = min(markers, key=lambda m: m.start())
        yield Match(C.RESEARCH, first.start(), min(len(unit.text), first.start() + 160),
                    clamp(0.5 + 0.05 * (max(len(substance), 2) - 2) + 0.05 * (len(markers) - 1)),
                    f"not public yet ('{first.group(0)[:40]}') with research substance: "
                    f"{', '.join(sorted(substance)[:6])}", label="unpublished work")

    def _proposal(self, unit: TextUnit) -> Iterator[Match]:
        """A grant proposal still being written: a funder or a grant, the proposal itself, the work before it goes."""
        subject = unit.folded_subject
        body_proposal, body_before = unit.evidence(_PROPOSAL), unit.evidence(_BEFORE_SUBMISSION)
        proposal = body_proposal + list(_PROPOSAL.finditer(subject))
        before = body_before + list(_BEFORE_SUBMISSION.finditer(subject))
        if not (proposal and before):
            return
        # a Part B or an aims page belongs to a research proposal whoever the funder is
        funder = unit.evidence(_FUNDER) + list(_FUNDER.finditer(subject)) + [
            m for m in proposal if _SCHEME_PARTS.match(m.group(0))]
        if not funder or _AFTER.search(unit.folded) or _AFTER.search(subject):
            return
        if unit.context.genre != "personal" or unit.context.is_bulk:
            return
        start = min(m.start() for m in body_proposal + body_before) if body_proposal or body_before else 0
        yield Match(C.RESEARCH, start, min(len(unit.text), start + 160), 0.55,
                    f"grant proposal before submission ('{funder[0].group(0)}', '{proposal[0].group(0)}', "
                    f"'{before[0].group(0)}')", label="grant proposal in preparation")
