"""The genre of a message: correspondence between people, or broadcast content.

Comments on people, health data and private life are risks when they concern someone the owner
deals with. In a press article pasted into a mail, a newsletter, a technical list thread or spam,
the same words are about public figures, programs or nobody: on real mail those were most of the
false alarms of the meaning categories. The genre is told from what every mail client writes
(list and bulk headers, automated senders, spam verdicts) and from the shape of the body (news
datelines and agency credits, unsubscribe footers), never from the topic, so it carries over to
mail nobody tuned it on.

Genres: ``personal`` (people writing to people, the default), ``list`` (a discussion list),
``bulk`` (newsletters, marketing, mass mailings), ``notification`` (automated senders),
``press`` (a news article, pasted or forwarded), ``spam`` (a spam filter's verdict, or the shape of
a fraud or an advert). Correspondence whose words are those of mass-produced text (the learned
model of :mod:`inventory.spam_model`) is ``bulk``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from detectors._util import fold
from detectors.lexicon import FastPattern, StartSearch

from .spam_model import THRESHOLD, spam_odds

PERSONAL = "personal"
GENRES = (PERSONAL, "list", "bulk", "notification", "press", "spam")

_BULK_MAILERS = re.compile(
    r"(?i)mailchimp|sendinblue|brevo|sendgrid|mailjet|phplist|constant ?contact|campaign ?monitor|"
    r"hubspot|marketo|exacttarget|salesforce marketing|emarsys|lyris|listserv|mailman|sympa|mass ?mail")
_AUTOMATED_SENDER = re.compile(
    r"(?i)^(?:no[-_.]?reply|ne[-_.]?pas[-_.]?repondre|donotreply|do[-_.]not[-_.]reply|mailer[-_.]daemon|"
    r"postmaster|notifications?|notify|alerts?|newsletters?|news|marketing|info|bounces?|automailer|"
    r"jira|gitlab|github|confluence|calendar|agenda)(?:[-+_.][\w.-]*)?@")
# a news article: agency credits, datelines, bylines, press-room phrasing, copyright lines
_PRESS_CASED = [re.compile(p) for p in (
    r"\((?:Reuters|AP|AFP|Bloomberg|Dow Jones|UPI|PRNewswire|Business Wire)\)",
    r"(?m)^[A-Z]{3,}(?:[ ,.'-]+[A-Z][A-Za-z.]*){0,3}\s*(?:\([A-Za-z .]+\))?\s*(?:--|—|–)\s+\S",
    r"(?m)^\s*(?:By|Par) [A-Z][a-z]+ [A-Z][a-zA-Z'-]+\s*$",
)]
# the same evidence where case does not matter, searched in the lower-cased text
_PRESS_LOWER = [StartSearch(re.compile(p)) for p in (
    r"\bcopyright\s*(?:\(c\)|©)?\s*(?:19|20)\d\d|©\s*(?:19|20)\d\d|\ball rights reserved\b|"
    r"\btous droits r[ée]serv[ée]s\b",
    r"\b(?:a|an|the) (?:company |\w+ )?spokes(?:man|woman|person)\b|\bporte-parole\b",
    r"\bsaid (?:in a statement|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    r"\b(?:wall street journal|new york times|financial times|washington post|houston chronicle|"
    r"los angeles times|associated press|business week|the economist|le monde|le figaro|les [ée]chos|"
    r"lib[ée]ration|ouest-france|agence france-presse|la tribune|l'express|le parisien)\b",
    r"\b(?:staff writer|news service|wire service|correspondant(?:e)? (?:à|a)|envoy[ée] sp[ée]cial)\b",
    # a reporter's attributions
    r"\bdans un communiqu[ée]\b|\bselon (?:plusieurs |des |nos |de bonnes )?sources\b|\bpeople familiar with\b|"
    r"\baccording to (?:sources|people|a person)\b|\ba annonc[ée] (?:hier|ce matin|ce lundi|lundi|mardi|mercredi|jeudi|"
    r"vendredi)\b|\bannounced (?:late )?(?:yesterday|on (?:monday|tuesday|wednesday|thursday|friday))\b",
    # an article forwarded from a newsroom's address
    r"(?m)^[ \t>]*(?:de|from)[ \t]*:[^\n]*\b(?:redaction|newsroom|newsdesk|journalistes?|editorial)@",
)]
# an analyst's or a market report: ratings, price targets, earnings per share
_MARKET = StartSearch(re.compile(r"\b(?:price target|strong buy|market perform|outperform|underperform|overweight|"
                     r"underweight|eps|p/e|52[- ]?wk|downgrad\w+|upgrad\w+|basis points?|consensus estimates?|"
                     r"reiterat\w+ (?:our|a|the) \w+ rating|nasdaq|nyse|dow jones|s&p 500|cac 40)\b"))
_UNSUBSCRIBE = re.compile(
    r"\bunsubscribe\b|\bto be removed from\b|\bremove (?:me|yourself) from\b|\bopt[- ]out\b|"
    r"\bview (?:this (?:e-?mail|message)|it) (?:in|on) (?:your|a) (?:web )?browser\b|\byou are receiving this\b|"
    r"\bse d[ée]sabonner\b|\bse d[ée]sinscrire\b|\bd[ée]sinscription\b|\bvous recevez ce (?:message|courriel|mail)\b|"
    r"\bversion en ligne\b|\bclick here\b|\bcliquez ici\b")
# spam by its shape: advance-fee fraud, prize scams and the pitch of unsolicited adverts
# a long alternation whose literal starts let FastPattern skip most of it (measured 3x faster)
_SPAM_SHAPES = FastPattern(
    r"\b(?:business|investment|confidential) proposal\b|\bnext of kin\b|\b\d{1,2} ?% of the (?:total )?(?:sum|funds?|money)\b|"
    r"\btransfer (?:of )?(?:the|this|these) (?:funds?|sum)\b|\b(?:lottery|sweepstakes?)\b|\bclaim your (?:prize|winnings)\b|"
    r"\breply with your (?:full name|bank|phone)\b|\bdear (?:friend|beneficiary|sir/madam)\b|\b(?:million|millions) (?:us )?dollars\b|"
    r"\bbarrister\b|\bbank (?:of|in) (?:lagos|nigeria|ghana|abidjan)\b|\bgagnant\b.{0,40}\b(?:tirage|loterie)\b|"
    r"\bguaranteed to\b|\blose (?:up to )?\d+(?:-\d+)? ?(?:lbs|pounds|kg|kilos?)\b|"
    r"\b(?:millions?|billions?) (?:of )?(?:us )?(?:dollars|usd|euros)\b|\border (?:now|today)\b|\bact now\b|\blimited time\b|"
    r"\brisk[- ]free\b|\b100 ?% (?:free|guaranteed|satisfaction|natural)\b|\bno obligation\b|\bspecial offer\b|"
    r"\btoll[- ]free\b|\bfree (?:quote|trial|consultation|gift)\b|\bwork from home\b|\bearn (?:up to )?\$\d|"
    r"\$\d[\d,]* (?:per|a) (?:day|week|month)\b|\boffre exceptionnelle\b|\bcommandez (?:vite|maintenant)\b|"
    r"\bsans engagement\b|\bessai gratuit\b|\b(?:cliquez|click) (?:ici|here)\b|"
    # phishing: a document or a mailbox behind a sign-in with the mail password
    r"\b(?:sign|log) in with your (?:e-?mail|microsoft|office ?365|outlook|webmail|mailbox) (?:password|credentials|account)\b|"
    r"\b(?:verify|confirm|validate) your (?:account|identity|mailbox|password|credentials)\b|\breview document\b|"
    r"\byour (?:mailbox|account|password) (?:will be|has been|is about to be) (?:suspended|closed|deactivated|locked|expired?)\b|"
    r"\bshared a (?:secure )?(?:document|file) with you\b|\b(?:verifiez|confirmez|validez) votre (?:compte|identite|boite|"
    r"mot de passe)\b|\bvotre (?:compte|boite(?: mail| aux lettres)?|mot de passe) (?:sera|a ete|va etre) (?:suspendu|ferme|"
    r"bloque|desactive|expire)e?\b|\bidentifiants? de messagerie pour (?:acceder|consulter|ouvrir)\b")
# a digest of links: items each followed by "[1] http://..." footnotes
_LINK_FOOTNOTES = re.compile(r"(?m)^\s*\[\d+\]\s*https?://|\b(?:full story|read more|lire la suite|en savoir plus)\b")
_MASS_RECIPIENTS = 25
# log-odds of the spam model above which correspondence is spam rather than a newsletter (so a "password"
# in it is bait): reached by 95 of 500 spams, 27 of 10,468 Enron messages (newsletters) and 6 of 2,500
# legitimate SpamAssassin messages
SPAM_ODDS = 150.0
_READ = 20_000  # the body's shape shows in its first pages
# where list software leaves its mark even when the archive dropped List-Id: the list's own address
# among the recipients, and the envelope headers of list servers
_LIST_ADDRESS = re.compile(
    r"(?i)^[^@]*(?:[-_.]list|[-_.]l|[-_.]users?|[-_.]devel|[-_.]dev|[-_.]announce|[-_.]discuss|[-_.]talk|"
    r"[-_.]general|^listes?)@|^listes?[-_.]|@(?:lists?|listes?|groups|googlegroups|yahoogroups|listserv)\.|@googlegroups\.")
# an organisation's own mass mailings: a communications alias as sender, the whole staff as recipient
_ANNOUNCER = re.compile(r"(?i)(?:^|[-_.])(?:announcements?|communications?|comms|newsletters?|dircom|annonces?|"
                        r"actualites|intranet|press|presse|revue[-_.]?(?:de[-_.]?)?presse|newsroom|newsdesk|rss(?:feeds?)?|feeds?|"
                        r"digests?)(?:[-_.][^@]*)?@")
# a press review or a news digest announces itself in the subject line
_PRESS_SUBJECT = re.compile(r"(?i)\b(?:revue de presse|press review|press clippings?|news ?clips|news ?digest|"
                            r"articles? (?:du|de la|de l'|d'|paru|sur|dans)\b|article [\w-]+ de ce matin|press article|"
                            r"news article|"
                            r"daily (?:news|briefing)|morning briefing|la presse en parle|dans la presse|in the news)\b")
_ALL_STAFF = re.compile(r"(?i)(?:^|[-_.])(?:all|tous|toutes|everyone|employees|staff|personnels?)(?:[-_.][^@]*)?@")
# the subject prefix list software adds: "[Caml-list] ...", "Re: [dev-users] ..."
_LIST_TAG = re.compile(r"(?i)^\s*(?:(?:re|tr|fwd?|aw)\s*:\s*)*\[[\w .-]*(?:list|liste|-l|users?|devel|announce|"
                       r"discuss)\]")
_LIST_ENVELOPE = ("X-BeenThere", "X-Loop", "X-Mailman-Version", "X-Sympa-To", "Errors-To", "X-List-Administrivia")


def press_markers(text: str, low: str | None = None) -> int:
    """How many distinct kinds of news-article evidence the text shows; three different market
    terms (ratings, price targets, EPS) count as two. ``low`` is ``text.lower()`` when known."""
    text = text[:_READ]
    low = fold(text) if low is None else low
    market = len({m.group(0) for m in _MARKET.finditer(low)}) >= 3
    return sum(1 for rx in _PRESS_CASED if rx.search(text)) + sum(1 for rx in _PRESS_LOWER if rx.search(low)) \
        + market * 2


def header_genre(get: Callable[[str], object], sender: str, recipients: list[str]) -> str:
    """What the headers alone say: ``spam``, ``list`` (``list+post`` when the list takes replies),
    ``bulk``, ``notification``, or ``personal`` when they say nothing. Cheap: computed for every
    message."""
    spam_flag = str(get("X-Spam-Flag") or "").strip().lower()
    spam_status = str(get("X-Spam-Status") or "").strip().lower()
    if spam_flag == "yes" or spam_status.startswith("yes"):
        return "spam"
    precedence = str(get("Precedence") or "").strip().lower()
    listed = bool(get("List-Id") or get("List-Post") or get("Mailing-List") or get("X-Mailing-List")
                  or any(get(h) for h in _LIST_ENVELOPE) or str(get("Sender") or "").lower().startswith("owner-")
                  or any(_LIST_ADDRESS.search(a or "") for a in recipients))
    listed = listed or bool(_LIST_TAG.match(str(get("Subject") or "")))
    if listed or precedence == "list":
        return "list+post" if get("List-Post") else "list"
    mailer = str(get("X-Mailer") or get("User-Agent") or "")
    if precedence in ("bulk", "junk") or get("List-Unsubscribe") or get("X-Campaign") or get("X-CampaignID") \
            or get("Feedback-ID") or _BULK_MAILERS.search(mailer):
        return "bulk"
    if _ANNOUNCER.search(sender or "") or any(_ALL_STAFF.search(a or "") for a in recipients):
        return "bulk"
    if _PRESS_SUBJECT.search(str(get("Subject") or "")):
        return "press"
    if not any(recipients):  # no one in To or Cc: sent blind to a list ("undisclosed-recipients:;")
        return "bulk"
    auto = str(get("Auto-Submitted") or "").strip().lower()
    if (auto and auto != "no") or _AUTOMATED_SENDER.match(sender or ""):
        return "notification"
    if len(recipients) >= _MASS_RECIPIENTS:
        return "bulk"
    return PERSONAL


def body_genre(first: str, body: str, subject: str = "") -> str:
    """The genre once the body's shape is read: a newsletter sent through list software is bulk,
    a fraud with Precedence: bulk is still spam, correspondence may turn out to be a pasted article,
    an advert or a digest. Costs a pass over the first pages of the body."""
    if first in ("spam", "notification", "list+post", "press"):
        return "list" if first == "list+post" else first
    text = body[:_READ]
    # folded as the lexicon detectors fold the body: the word index built here serves them too
    low = fold(text)

    def mass(verdict: str) -> str:
        # an advert sent in bulk or posted to a list is still spam when its words are spam's far beyond
        # any newsletter's (a "password" in it is bait)
        return "spam" if spam_odds(subject + "\n" + text) >= SPAM_ODDS else verdict

    if first == "list":
        return mass("bulk") if _UNSUBSCRIBE.search(low[-3000:]) else "list"
    if len({m.group(0) for m in _SPAM_SHAPES.finditer(low)}) >= 2:
        return "spam"
    if first == "bulk":
        return mass(first)
    if _forwards_a_mass_mailing(low):
        return "bulk"
    if press_markers(text, low) >= 2:
        return "press"
    if _UNSUBSCRIBE.search(low[-3000:]) or len(_LINK_FOOTNOTES.findall(low)) >= 3:
        return mass("bulk")
    odds = spam_odds(subject + "\n" + text)
    if odds >= SPAM_ODDS:  # words of spam far beyond any newsletter's: a fraud or an advert's bait
        return "spam"
    if odds >= THRESHOLD:  # mass-produced words, whatever the headers say
        return "bulk"
    return PERSONAL


# a short note forwarding a mass mailing: the forwarded header names a whole population or a long list
_FORWARD_MARK = re.compile(r"-{3,}[ \t]*(?:forwarded by|message transf[ée]r[ée]|original message|message d'origine)|"
                           r"^[ \t>]*(?:from|de)[ \t]*:.*\n[ \t>]*(?:sent|envoy[ée])[ \t]*:", re.MULTILINE)
_FORWARDED_TO = re.compile(r"(?m)^[ \t>]*(?:to|à|a)[ \t]*:[ \t]*((?:[^\n]*\n){0,6})")
_WHOLE_POPULATION = re.compile(r"^\s*(?:all|tous|toutes|everyone|ensemble du personnel)\b|distribution\b|\ball (?:employees|staff)\b")


def _forwards_a_mass_mailing(low: str) -> bool:
    """The mail forwards, after a few lines of its own, a message sent to a whole population ("To: All
    EES") or to as many people as a mass mailing has: the forwarded text is not correspondence."""
    mark = _FORWARD_MARK.search(low, 0, 1500)
    if not mark or mark.start() > 600:
        return False
    to = _FORWARDED_TO.search(low, mark.end(), mark.end() + 1500)
    if not to:
        return False
    block = to.group(1).split("\n\n")[0]
    return bool(_WHOLE_POPULATION.search(block)) or block.count("@") >= _MASS_RECIPIENTS


class GenreProbe:
    """The genre of one message, its body part read only when a detector first asks: most messages
    hold no evidence of the categories the genre weighs, and never pay for it."""

    __slots__ = ("first", "_body", "_subject", "_value")

    def __init__(self, first: str, body: str, subject: str) -> None:
        self.first, self._body, self._subject, self._value = first, body, subject, ""

    def __call__(self) -> str:
        if not self._value:
            self._value = body_genre(self.first, self._body, self._subject)
            self._body = self._subject = ""
        return self._value


def message_genre(get: Callable[[str], object], body: str, sender: str, recipients: list[str],
                  subject: str = "") -> str:
    """The genre of one message from its headers (``get`` returns a header or None), its body and
    its recipients' addresses."""
    return body_genre(header_genre(get, sender, recipients), body, subject)
