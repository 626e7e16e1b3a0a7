# Every target bootstraps .venv on first use; PY is the interpreter used to create it.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The suite mostly waits (real subprocesses, Telegram's limits, timers), so it runs on more
# workers than the machine has cores; `make test WORKERS=0` runs it in one process.
WORKERS ?= 4
PARALLEL := -n $(WORKERS) --dist worksteal

.PHONY: demo sandbox test test-pg pg-server test-dates faketime browser test-fast lint typecheck check run migrate clean bench soak lock

# Exact versions with hashes from the lock file, then the project itself without resolving again.
$(STAMP): pyproject.toml requirements-dev.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# After changing dependencies in pyproject.toml: pin them again (needs the package index).
LOCK_FLAGS := --quiet --allow-unsafe --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links
lock:
	test -x .lockvenv/bin/pip-compile || ($(PY) -m venv .lockvenv && .lockvenv/bin/pip install --quiet pip-tools)
	.lockvenv/bin/pip-compile $(LOCK_FLAGS) -o requirements.lock pyproject.toml
	.lockvenv/bin/pip-compile $(LOCK_FLAGS) --extra dev -o requirements-dev.lock pyproject.toml

demo: $(STAMP)
	$(BIN)/python -m demo

# The real bot against the fake Telegram on ports 8080 and 8081 until Ctrl-C (ARGS=--fresh:
# an empty database; --api-port N, --telegram-port N when those are taken).
sandbox: $(STAMP)
	$(BIN)/python -m demo.sandbox $(ARGS)

test: $(STAMP) browser
	$(BIN)/python -m pytest $(PARALLEL)

# The same suite on a throwaway PostgreSQL cluster (started and removed by the command itself;
# as the `postgres` system user when run as root, since PostgreSQL refuses to run as root).
test-pg: $(STAMP) pg-server browser
	$(BIN)/python -m pgtemp -- $(BIN)/python -m pytest $(PARALLEL)

# PostgreSQL's server binaries: from Debian's packages when the machine has none.
pg-server:
	@command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null)

# The tests whose outcome depends on the calendar (digests, reports, the pulse, SLA deadlines,
# survey timing), again at two instants a real run can meet: midnight and a new year passing
# in Moscow while it runs, and the night Europe/Stockholm moves its clocks. The product takes
# time only from its clock; this catches a test (or a module) that reads the machine's date.
DATE_TESTS := tests/unit/test_clock_only.py tests/unit/test_report_*.py \
	tests/unit/test_sla_clock.py tests/unit/test_survey_rules.py tests/e2e/test_reports.py \
	tests/e2e/test_staff_pulse.py tests/e2e/test_complaint_sla.py tests/e2e/test_corrective.py \
	tests/e2e/test_referrals.py tests/e2e/test_survey_journey.py
DATE_INSTANTS := '2027-12-31 20:55:00' '2027-03-28 00:50:00'
test-dates: $(STAMP) faketime
	@for instant in $(DATE_INSTANTS); do \
		echo "== the date-sensitive tests at $$instant UTC"; \
		TZ=UTC faketime "$$instant" $(BIN)/python -m pytest $(PARALLEL) -p no:cacheprovider $(DATE_TESTS) || exit 1; \
	done

# Chromium and its driver for the dashboard's browser tests, from Debian's packages when the
# machine has none (as root); without them those tests skip and say why.
browser:
	@(command -v chromium && command -v chromedriver) >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends chromium chromium-driver >/dev/null) 2>/dev/null || \
		echo "no chromium here: the dashboard's browser tests will skip"

# libfaketime, from Debian's packages when the machine has none.
faketime:
	@command -v faketime >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends faketime >/dev/null)

test-fast: $(STAMP)
	$(BIN)/python -m pytest $(PARALLEL) tests/unit tests/dispatch

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy bot handlers storage faketg demo tests bench pgtemp

check: lint typecheck test

soak: $(STAMP)
	$(BIN)/python -m pytest -m soak tests/soak

bench: $(STAMP)
	$(BIN)/python -m bench

run: $(STAMP)
	$(BIN)/python -m bot run

migrate: $(STAMP)
	$(BIN)/python -m bot migrate

clean:
	rm -rf $(VENV) .lockvenv .mypy_cache .pytest_cache .ruff_cache
