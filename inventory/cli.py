"""The command line: ``mailbox-inventory scan SOURCE`` and friends.

Imports are lazy so that ``--help`` and a rescan with nothing new stay instant.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from datetime import UTC, datetime

import click

from . import __version__
from .doctor import doctor
from .errors import InventoryError, UsageError

log = logging.getLogger("inventory")

CONSENT_FR = ("mailbox-inventory va lire la boîte {account} en LECTURE SEULE (EXAMINE + BODY.PEEK : aucun message "
              "n'est modifié, déplacé, supprimé ni marqué lu), analyser chaque message et pièce jointe SUR CETTE "
              "MACHINE, et écrire un inventaire dont les valeurs secrètes sont masquées. Aucune donnée n'est envoyée "
              "ailleurs que vers {server}.")
CONSENT_EN = ("mailbox-inventory will read the mailbox {account} READ-ONLY (EXAMINE + BODY.PEEK: no message is "
              "changed, moved, deleted or marked read), analyse every message and attachment ON THIS MACHINE, and "
              "write an inventory whose secret values are masked. Nothing is sent anywhere but to {server}.")


def _open_source(spec: str, opts: dict):
    if spec.startswith(("imap://", "imaps://")):
        from .auth import password_provider, token_provider
        from .sources.imap import ImapSource, parse_imap_url

        target = parse_imap_url(spec, starttls=opts["starttls"])
        return ImapSource(
            target, cafile=opts["cafile"],
            password_provider=None if opts["oauth2_token_command"] else password_provider(
                target.login, opts["password_command"], interactive=True),
            token_provider=token_provider(opts["oauth2_token_command"]) if opts["oauth2_token_command"] else None,
            oauth_mechanism=opts["oauth2_mechanism"], include=opts["folder"], exclude=opts["exclude_folder"],
            timeout=opts["timeout"], max_message_bytes=int(opts["max_message_size"] * 1024 * 1024))
    from .sources.detect import open_local

    return open_local(spec)


def default_state_path(account: str) -> str:
    from platformdirs import user_data_dir

    h = hashlib.sha256(account.encode()).hexdigest()[:16]
    return os.path.join(user_data_dir("mailbox-inventory"), f"{h}.sqlite")


def _setup_logging(quiet: bool, verbose: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose else logging.INFO)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    from .redaction import RedactingFilter

    for handler in logging.getLogger().handlers:
        # the level belongs to the terminal: a capture added later (evaluate's secrets check) may
        # lower the root logger's level without flooding stderr
        handler.setLevel(level)
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())  # a log is an output too
    for noisy in ("imapclient", "presidio-analyzer", "matplotlib", "PIL", "pypdf"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mailbox-inventory")
def main() -> None:
    """Inventory what a mailbox holds that a stranger could misuse: read-only, on this machine.

    \b
    mailbox-inventory scan imaps://jdupont@imap.univ-exemple.fr --out inventaire.xlsx
    mailbox-inventory scan ~/Maildir --out inv.xlsx --json findings.jsonl --graph graph.graphml
    mailbox-inventory scan archive.mbox --out inv.xlsx
    mailbox-inventory scan exported-mails/ --out inv.xlsx
    """


main.add_command(doctor)


@main.command()
@click.argument("source")
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Write the risk workbook (.xlsx).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write findings as JSON lines.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), help="Write findings as CSV.")
@click.option("--graph", "graph_path", type=click.Path(dir_okay=False),
              help="Write the correspondents graph (.graphml, or .gexf for Gephi); a PNG is written beside it.")
@click.option("--state", "state", type=click.Path(dir_okay=False),
              help="SQLite state file (default: one per account in the user data folder).")
@click.option("--cafile", type=click.Path(exists=True, dir_okay=False), help="Trust this CA (PEM) for the server.")
@click.option("--starttls", is_flag=True, help="Use STARTTLS on port 143 (mandatory once asked).")
@click.option("--password-command", help="Command printing the password (like mbsync's PassCmd).")
@click.option("--oauth2-token-command", help="Command printing an OAuth2 access token (asked again once on expiry).")
@click.option("--oauth2-mechanism", type=click.Choice(["XOAUTH2", "OAUTHBEARER"], case_sensitive=False),
              default="XOAUTH2", show_default=True)
@click.option("--folder", multiple=True, help="Only these folders (glob patterns; repeatable).")
@click.option("--exclude-folder", multiple=True, help="Skip these folders (glob patterns; repeatable).")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True, help="Workbook language.")
@click.option("--owner", help="The mailbox owner's address (default: inferred).")
@click.option("--owner-domain", multiple=True, help="The owner's institution domains (default: inferred).")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra or overriding lexicon file (JSON, see docs/detectors.md).")
@click.option("--workers", type=int, default=-1, help="Worker processes (default: number of cores; 0: in process).")
@click.option("--budget", type=float, default=60.0, show_default=True, help="Seconds allowed per message.")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="IMAP socket timeout in seconds.")
@click.option("--max-message-size", type=float, default=100.0, show_default=True,
              help="Messages larger than this (MB) are listed in the errors sheet, not fetched.")
@click.option("--min-score", type=float, default=0.5, show_default=True, help="Do not report findings below.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR images.")
@click.option("--reveal-secrets", is_flag=True, help="Write found values in clear (dangerous; off by default).")
@click.option("--encrypt", is_flag=True,
              help="Encrypt the workbook with a password (MAILBOX_INVENTORY_WORKBOOK_PASSWORD or prompt).")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation before reading the mailbox.")
@click.option("--quiet", "-q", is_flag=True, help="Only warnings and errors.")
@click.option("--verbose", "-v", is_flag=True, help="Debug logging (never shows secrets).")
@click.option("--strict-interpreter", is_flag=True,
              help="Refuse to run on a Python lacking the CVE-2023-27043 / CVE-2024-0450 fixes (default: warn).")
@click.option("--allow-egress", is_flag=True, hidden=True, help="Disable the no-egress guard (debugging only).")
def scan(source, **opts) -> None:
    """Scan SOURCE: imaps://user@host[:port][/folder], or a local path (a Maildir, an mbox, .eml/.msg/.emlx files
    or folders, a Thunderbird profile or folder, Apple Mail mailboxes, an Outlook .pst/.ost)."""
    _setup_logging(opts["quiet"], opts["verbose"])
    try:
        code = _scan(source, opts)
    except InventoryError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted: what was scanned is kept in the state; run again to resume", err=True)
        sys.exit(130)
    sys.exit(code)


def _scan(source_spec: str, opts: dict) -> int:
    from .egress import allow, blocked_attempts, install
    from .ocr_info import ocr_warning
    from .selfcheck import check_interpreter

    interpreter = check_interpreter()
    if not interpreter.ok:
        if opts["strict_interpreter"]:
            raise UsageError(f"--strict-interpreter: {interpreter.line()}")
        log.warning("%s", interpreter.line())
    if not opts["no_ocr"] and (ocr_off := ocr_warning()):
        log.warning("%s", ocr_off)
    is_imap = source_spec.startswith(("imap://", "imaps://"))
    if not opts["allow_egress"]:
        install()
    source = _open_source(source_spec, opts)
    if is_imap:
        allow(source.target.host, source.target.port)
    statement = (CONSENT_FR if opts["lang"] == "fr" else CONSENT_EN).format(
        account=source.account, server=source.target.host if is_imap else "(aucun serveur / no server)")
    if is_imap and not opts["yes"]:
        click.echo(statement, err=True)
        if not sys.stdin.isatty():
            raise UsageError("confirmation needed: run in a terminal or pass --yes")
        if not click.confirm("Continuer ? / Continue?", default=False, err=True):
            return 2
    consent_time = datetime.now(UTC).isoformat(timespec="seconds")
    wb_password = None
    if opts["encrypt"]:
        if not opts["out"]:
            raise UsageError("--encrypt needs --out")
        wb_password = os.environ.get("MAILBOX_INVENTORY_WORKBOOK_PASSWORD") or (
            click.prompt("Workbook password", hide_input=True, confirmation_prompt=True, err=True)
            if sys.stdin.isatty() else None)
        if not wb_password:
            raise UsageError("--encrypt: set MAILBOX_INVENTORY_WORKBOOK_PASSWORD or run in a terminal")

    from .analyze import Options
    from .extract import Limits
    from .pipeline_setup import detector_factory, detector_versions
    from .scan import scan as run_scan
    from .store import Store

    state_path = opts["state"] or default_state_path(source.account)
    store = Store(state_path)
    started = datetime.now(UTC)
    owner_domains = tuple(d.lower() for d in opts["owner_domain"])
    options = Options(hmac_key=store.hmac_key(), owner_domains=owner_domains, min_score=opts["min_score"],
                      reveal_secrets=opts["reveal_secrets"], limits=Limits(ocr=not opts["no_ocr"]))
    workers = opts["workers"] if opts["workers"] >= 0 else (os.cpu_count() or 1)
    make = detector_factory(tuple(opts["lexicons"]))
    progress = None
    if not opts["quiet"]:
        from .progress import RichProgress

        progress = RichProgress()
    writer = None
    if (opts["out"] or opts["json_path"] or opts["csv_path"] or opts["graph_path"]) and workers > 0:
        from .outputs import OutputProcess

        writer = OutputProcess.start()  # forked before the detectors are built: it imports meanwhile
    try:
        with source:
            stats = run_scan(source, store, options, make, workers=workers, budget=opts["budget"],
                             progress=progress)
    except BaseException:
        if writer is not None:
            writer.close()
        store.close()
        raise
    finished = datetime.now(UTC)
    from .ocr_info import ocr_line

    run_info = [
        ("tool", f"mailbox-inventory {__version__}"),
        ("started", started.isoformat(timespec="seconds")),
        ("finished", finished.isoformat(timespec="seconds")),
        ("source", source.description),
        ("account", source.account),
        ("connected to", f"{source.target.host}:{source.target.port}" if is_imap else "nothing (local source)"),
        ("read-only", "yes: folders opened with EXAMINE, bodies fetched with BODY.PEEK[]; no write command allowed"
         if is_imap else "yes: files opened for reading only"),
        ("consent statement", statement),
        ("consent given", ("--yes at " if opts["yes"] else "confirmed at ") + consent_time if is_imap else
         "local source"),
        ("folders scanned", ", ".join(f"{f['folder']} ({f['messages']})" for f in stats.folders)),
        ("messages scanned this run", str(stats.scanned)),
        ("messages already in the state", str(stats.skipped_known)),
        ("messages with errors this run", str(stats.errors)),
        ("UIDVALIDITY changes (folder rescanned)", ", ".join(stats.uidvalidity_changes) or "none"),
        ("messages gone from the server", str(stats.removed)),
        ("messages expunged during the scan", str(stats.expunged_during_scan)),
        ("reconnections", str(stats.reconnects)),
        ("OCR", ocr_line(not opts["no_ocr"])),
        ("interpreter", interpreter.line()),
        ("detectors", detector_versions()),
        ("options", _options_line(opts)),
        ("state file", os.path.abspath(state_path)),
        ("secrets in clear", "YES (--reveal-secrets)" if opts["reveal_secrets"] else "no: values masked, HMAC kept"),
        ("blocked network attempts", "; ".join(blocked_attempts()) or "none"),
        ("seconds", f"{stats.seconds:.1f}"),
    ]
    store.record_run(run_info[1][1], run_info[2][1], dict(run_info))
    try:
        _write_outputs(store, source.account, opts, run_info, wb_password, writer)
    finally:
        store.close()
    if not opts["quiet"]:
        click.echo(f"{stats.scanned} messages scanned ({stats.skipped_known} already known), "
                   f"{stats.findings} findings, {stats.errors} messages with errors "
                   f"(listed in the errors sheet), {stats.seconds:.1f} s", err=True)
    elif stats.errors:
        click.echo(f"{stats.errors} messages could not be fully read (see the errors sheet)", err=True)
    return 0


def _options_line(opts: dict) -> str:
    shown = {k: v for k, v in opts.items() if k not in ("password_command", "oauth2_token_command") and v not in
             (None, False, (), "")}
    if opts.get("password_command"):
        shown["password_command"] = "(set)"
    if opts.get("oauth2_token_command"):
        shown["oauth2_token_command"] = "(set)"
    return ", ".join(f"{k}={v}" for k, v in sorted(shown.items()))


def _write_outputs(store, account: str, opts: dict, run_info, wb_password, writer=None) -> None:
    from .outputs import write_outputs

    job = dict(account=account, owner=opts["owner"], owner_domains=tuple(d.lower() for d in opts["owner_domain"]),
               out=opts["out"], json_path=opts["json_path"], csv_path=opts["csv_path"], graph_path=opts["graph_path"],
               run_info=run_info, lang=opts["lang"], wb_password=wb_password)
    if writer is not None:
        writer.run(str(store.path), **job)
    else:
        write_outputs(store.db, str(store.path), **job)


@main.group()
def password() -> None:
    """Keep the IMAP password in the system keyring (a real secret store only, never a file)."""


def _keyring_account(url: str) -> str:
    from .sources.imap import parse_imap_url

    return parse_imap_url(url).login


@password.command("set")
@click.argument("url")
def password_set(url) -> None:
    """Store the password of URL (imaps://user@host): typed at a prompt, or the first line of stdin."""
    from .auth import KEYRING_SERVICE, keyring_backend_name, keyring_usable

    try:
        account = _keyring_account(url)
        if not keyring_usable():
            raise UsageError(f"no secure keyring on this machine ({keyring_backend_name()}): nothing stored. "
                             "Give the password at each run (prompt, --password-command or "
                             "MAILBOX_INVENTORY_PASSWORD); it is never written to a file by this tool.")
        if sys.stdin.isatty():
            value = click.prompt(f"Password for {account}", hide_input=True, confirmation_prompt=True, err=True)
        else:
            value = sys.stdin.readline().rstrip("\r\n")
        if not value:
            raise UsageError("empty password: nothing stored")
        import keyring

        keyring.set_password(KEYRING_SERVICE, account, value)
    except InventoryError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    click.echo(f"password of {account} stored in {keyring_backend_name()}", err=True)


@password.command("delete")
@click.argument("url")
def password_delete(url) -> None:
    """Remove the stored password of URL from the keyring."""
    from .auth import KEYRING_SERVICE, keyring_usable

    account = _keyring_account(url)
    if keyring_usable():
        import keyring
        from keyring.errors import PasswordDeleteError

        try:
            keyring.delete_password(KEYRING_SERVICE, account)
        except PasswordDeleteError:
            pass
    click.echo(f"no password of {account} is stored any more", err=True)


@main.command()
@click.argument("devsets", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--workers", type=int, default=0)
@click.option("--no-ocr", is_flag=True)
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Also write the findings.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--verbose", "-v", is_flag=True, help="List each false positive and false negative.")
def evaluate(devsets, workers, no_ocr, json_path, lexicons, verbose) -> None:
    """Precision, recall and F1 per category on labelled mailboxes (each: mail/ + labels.jsonl).

    With several mailboxes, each is reported, then the micro-average over all of them."""
    _setup_logging(True, False)
    from .evaluate import evaluate_many

    try:
        report = evaluate_many(devsets, workers=workers, ocr=not no_ocr, json_path=json_path,
                               lexicons=tuple(lexicons), verbose=verbose)
    except InventoryError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    click.echo(report)


@main.command("train-spam")
@click.option("--spam", "spam_dirs", multiple=True, required=True, type=click.Path(exists=True, file_okay=False),
              help="A folder of spam messages (repeatable).")
@click.option("--ham", "ham_dirs", multiple=True, required=True, type=click.Path(exists=True, file_okay=False),
              help="A folder of legitimate mail (repeatable).")
@click.option("--check", "check_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="A folder of legitimate mail not trained on, to count what would be called spam (repeatable).")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the model (JSON); without it, only the report.")
def train_spam(spam_dirs, ham_dirs, check_dirs, out) -> None:
    """Train the spam model of the message genre from folders of spam and of legitimate mail."""
    _setup_logging(True, False)
    from .spam_model import run

    click.echo(run(list(spam_dirs), list(ham_dirs), list(check_dirs), out))


@main.command("flag-rate")
@click.argument("corpora", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--workers", type=int, default=-1, help="Worker processes (default: number of cores).")
@click.option("--sample", type=int, default=20, show_default=True, help="Flagged messages sampled per category.")
@click.option("--samples", "samples_path", type=click.Path(dir_okay=False),
              help="Write the sampled flagged messages (file, excerpt, why) as JSON lines, to read by hand.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False))
def flag_rate(corpora, workers, sample, samples_path, lexicons) -> None:
    """Flags per 1,000 messages per category on unlabelled real mail (each CORPUS: a folder of message files)."""
    _setup_logging(True, False)
    from .flagrate import measure, table, write_samples

    workers = (os.cpu_count() or 1) if workers < 0 else workers
    try:
        rates = [measure(c, workers=workers, sample=sample, lexicons=tuple(lexicons)) for c in corpora]
    except InventoryError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    click.echo(table(rates))
    if samples_path:
        write_samples(rates, samples_path)
        click.echo(f"samples: {samples_path}")


@main.command()
@click.argument("path", type=click.Path(exists=True))
@click.option("--synthetic", type=int, help="Build a mailbox of this many messages by cycling over PATH.")
@click.option("--workers", type=int, help="Worker processes for the scan (default: number of cores).")
@click.option("--presidio-sample", type=int, default=200, show_default=True,
              help="Messages given to Presidio's AnalyzerEngine for the comparison (0: skip).")
@click.option("--profile", type=int, default=1000, show_default=True,
              help="Messages profiled stage by stage in process (0: skip).")
@click.option("--keep", is_flag=True, help="Keep the throwaway Dovecot folder.")
def benchmark(path, synthetic, workers, presidio_sample, profile, keep) -> None:
    """Speed and memory of a scan of PATH served by a throwaway local Dovecot (needs dovecot installed)."""
    _setup_logging(True, False)
    from .benchmark import run
    from .throwaway_dovecot import DovecotUnavailable

    try:
        nums = run(path, synthetic=synthetic, workers=workers, presidio_sample=presidio_sample, profile=profile,
                   keep=keep, log=lambda m: click.echo(m, err=True))
    except (DovecotUnavailable, InventoryError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(getattr(exc, "exit_code", 2))
    click.echo("\n".join(nums.lines()))


@main.command("id-benchmark")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
def id_benchmark(folder) -> None:
    """Identity documents recognised among the images of FOLDER, under neutral file names, with timings."""
    _setup_logging(True, False)
    from .id_benchmark import run, summary

    click.echo(summary(run(folder, log=click.echo)))


@main.command("pii-recall")
@click.argument("path", type=click.Path(exists=True))
@click.option("--ner", is_flag=True, help="Also measure spaCy fr_core_news_sm's PER entities on the names.")
def pii_recall(path, ner) -> None:
    """Recall of the personal-data detector on a labelled PII corpus (EDS-Pseudo JSON lines or Presidio's JSON)."""
    _setup_logging(True, False)
    from .pii_recall import recall

    try:
        click.echo(recall(path, ner=ner))
    except InventoryError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)


from .campaign.cli import campaign  # noqa: E402 - the group is defined in its own package

main.add_command(campaign)

if __name__ == "__main__":  # pragma: no cover
    main()
