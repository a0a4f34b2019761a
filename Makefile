# mailbox-inventory: set-up, demo and tests on a fresh Debian machine.
PYTHON ?= $(shell [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_PACKAGES := dovecot-core dovecot-imapd tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng openssl pst-utils
# for the tests only: LibreOffice and poppler open the workbook as a user would; gnome-keyring and dbus give a
# real SecretService keyring; iproute2 brings the loopback up in a network namespace (skipped without them);
# pipx lets wheel-check install the wheel the way the README tells people to
CHECK_PACKAGES  := libreoffice-calc-nogui poppler-utils gnome-keyring dbus-daemon dbus-bin iproute2 pipx

.PHONY: install system-deps check-deps demo test wheel-check lint evaluate benchmark id-benchmark fuzz clean

$(BIN)/mailbox-inventory: pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: system-deps $(BIN)/mailbox-inventory

# System packages (Dovecot for the IMAP tests, Tesseract for OCR). The Debian postinst of
# dovecot-core would start a system-wide Dovecot; a policy-rc.d keeps it stopped.
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null && { [ "$$(id -u)" = 0 ] || command -v sudo >/dev/null; }; then \
	    echo "installing:$$missing"; \
	    created=""; if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' | $(SUDO) tee /usr/sbin/policy-rc.d >/dev/null; $(SUDO) chmod +x /usr/sbin/policy-rc.d; created=1; fi; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing >/dev/null; \
	    [ -n "$$created" ] && $(SUDO) rm -f /usr/sbin/policy-rc.d; true; \
	  else echo "warning: cannot install$$missing (not root, no apt): OCR and IMAP tests will be off"; fi; \
	fi

check-deps:
	@missing=""; for p in $(CHECK_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null && { [ "$$(id -u)" = 0 ] || command -v sudo >/dev/null; }; then \
	    echo "installing:$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing >/dev/null || \
	    echo "warning: could not install$$missing: the LibreOffice test will be skipped"; \
	  else echo "warning: cannot install$$missing (not root, no apt): the LibreOffice test will be skipped"; fi; \
	fi

demo: install
	$(BIN)/python examples/make_mailbox.py
	rm -f examples/output/state.sqlite*
	$(BIN)/mailbox-inventory scan examples/mailbox --out examples/output/inventory.xlsx \
	  --json examples/output/findings.jsonl --graph examples/output/graph.graphml \
	  --state examples/output/state.sqlite --yes
	@echo "workbook: examples/output/inventory.xlsx"

test: install check-deps
	$(BIN)/ruff check inventory detectors tests examples
	$(BIN)/python -m pytest

# The laptop install: build the wheel, install it as a user without root (created with useradd when run
# as root) in a fresh venv with no Tesseract on PATH, run doctor and scan examples/mailbox from there.
wheel-check: install
	.ci/wheel-check $(BIN) $(PYTHON)

lint: install
	$(BIN)/ruff check inventory detectors tests examples

# Precision/recall on a labeled mailbox: make evaluate DEVSET=../shared/devset
evaluate: install
	$(BIN)/mailbox-inventory evaluate $(DEVSET)

# Speed and memory (a throwaway Dovecot serves CORPUS): make benchmark CORPUS=../shared/corpus/enron-skilling-j
# add SYNTHETIC=100000 for a generated mailbox of that size
benchmark: install
	$(BIN)/mailbox-inventory benchmark $(CORPUS) $(if $(SYNTHETIC),--synthetic $(SYNTHETIC))

# Identity documents among images, under neutral names: make id-benchmark IMAGES=../shared/corpus/id-specimens-passporteye
id-benchmark: install
	$(BIN)/mailbox-inventory id-benchmark $(IMAGES)

# Coverage-guided fuzzing of parsing and extraction: make fuzz SECONDS=600 SEEDS=../shared/corpus/mime-rspamd
# crashes are written to fuzz/findings/; copy each (after the fix) to tests/fuzz_regressions/
SECONDS ?= 300
fuzz: install
	$(BIN)/pip install -q atheris
	mkdir -p fuzz/findings fuzz/corpus
	cd fuzz/findings && PYTHONPATH=$(CURDIR) ../../$(BIN)/python ../fuzz_mail.py -max_total_time=$(SECONDS) \
	  -timeout=20 -rss_limit_mb=2048 -max_len=200000 ../corpus $(SEEDS)

clean:
	rm -rf $(VENV) examples/output .pytest_cache build dist
