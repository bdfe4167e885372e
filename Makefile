# procura — the two commands in the README are `make run` and `make test`.
# Both install what they need (apt-get; idempotent), build, then run.
BUILD ?= build
DATA ?= var
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

.PHONY: run test build deps test-deps clean format tidy bench fuzz

run: deps build
	mkdir -p $(DATA)
	./$(BUILD)/procura serve --data $(DATA) --listen $(LISTEN) --demo

# Tests run two at a time (CI has two cores): each uses its own port
# (127.0.0.1:0), temp dir and PostgreSQL server; the cluster test runs alone
# (RUN_SERIAL).
test: test-deps build
	cd $(BUILD) && ctest --output-on-failure -j2

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j$(JOBS)

deps:
	scripts/install-deps.sh

test-deps:
	scripts/install-deps.sh --test

bench: build
	bench/run.sh

fuzz:  # every target for SECONDS each (default 60); see bench/RESULTS.md
	tests/fuzz/run.sh $(or $(SECONDS),60)

format:
	find src bench -name '*.cc' -o -name '*.h' | xargs clang-format -i

tidy: build
	find src -name '*.cc' | xargs clang-tidy -p $(BUILD) --quiet

clean:
	rm -rf $(BUILD)
