# Everyday commands. `make help` lists them.
STACK ?= dev
BASE ?= origin/main
FUZZTIME ?= 20s
# SHARD=i/n runs shard i of n of make engine or make everyday (CI's jobs);
# TASK=<name> runs one everyday task.
SHARD ?=
TASK ?=

.DEFAULT_GOAL := help
.PHONY: help test quick lint build large-files engine-cli everyday engine fmt-check vet staticcheck unit fuzz synth diff verify golden bench bench-process cost build-cost lint-workflows preview up destroy

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

test: lint unit engine everyday fuzz ## What CI runs, every job of the pull request in one: lint, unit, engine, everyday, fuzz (docs/testing.md)

quick: ## After a change: the offline tests (-short) of the packages changed since HEAD (or BASE=ref) and of those importing them
	@scripts/quick.sh $(if $(filter command line,$(origin BASE)),$(BASE),HEAD)

lint: large-files fmt-check vet staticcheck lint-workflows ## The checks that run no test: large files, gofmt, vet, staticcheck, actionlint

build: ## Compile every package and synth every stack offline (what the previews wait for)
	go build ./...
	@bin=$$(mktemp -d)/meething && go build -o $$bin . && for file in Pulumi.*.yaml; do stack=$${file#Pulumi.}; stack=$${stack%.yaml}; \
	  echo "meething synth --stack $$stack"; $$bin synth --stack "$$stack" >/dev/null || exit 1; done; rm -r "$$(dirname $$bin)"

large-files: ## Fail on a tracked file over 1 MB outside testdata/ (a built binary, say)
	@big=$$(git ls-files -z | xargs -0 -I{} sh -c 'case "{}" in testdata/*|*/testdata/*) ;; *) [ -f "{}" ] && [ $$(wc -c < "{}") -gt 1048576 ] && echo "{}";; esac' ); \
	  if [ -n "$$big" ]; then echo "tracked files over 1 MB (build output? add it to .gitignore):"; echo "$$big"; exit 1; fi

fmt-check: ## gofmt over every tracked Go file
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet: ## go vet ./...
	go vet ./...

staticcheck: ## staticcheck (pinned version)
	go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

unit: ## Every package's tests but the engine's, offline: unit, wiring, golden, invariants, moto (go test ./...)
	MEETHING_SKIP_ENGINE=1 MEETHING_REQUIRE_MOTO=1 go test -timeout 20m ./...

engine-cli: ## Build the Pulumi CLI of the SDK's version into the cache, once (about 5 minutes cold)
	@scripts/engine-cli.sh >/dev/null

everyday: engine-cli ## The common tasks (docs/common-tasks.md) on copies of the repository, each followed by make golden, every package's offline tests and the engine's run of its stack [SHARD=i/n] [TASK=name]
	MEETHING_EVERYDAY=1 MEETHING_SHARD=$(SHARD) MEETHING_REQUIRE_MOTO=1 MEETHING_PULUMI_ROOT=$$(scripts/engine-cli.sh) MEETHING_REQUIRE_ENGINE=1 go test . -run '^TestEverydayChanges$$$(if $(TASK),/^$(TASK)$$)' -count=1 -v -timeout 40m

engine: engine-cli ## The tests that run the real Pulumi engine (TestEngine*), with progress [SHARD=i/n]
	MEETHING_SHARD=$(SHARD) MEETHING_PULUMI_ROOT=$$(scripts/engine-cli.sh) MEETHING_REQUIRE_ENGINE=1 go test . -run '^TestEngine' -count=1 -v -timeout 30m

fuzz: ## Fuzz config validation for FUZZTIME (default 20s)
	go test ./stackconfig -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME)

synth: ## Print the planned stack offline: make synth STACK=prod [ARGS=--json]
	go run . synth --stack $(STACK) $(ARGS)

diff: ## What the working tree changes in STACK against the git ref BASE, offline: make diff STACK=prod BASE=origin/main [ARGS=--json]
	go run . diff --stack $(STACK) --base $(BASE) $(ARGS)

verify: ## Check the deployed STACK from outside (DNS, redirect, certificate, headers, answers): make verify STACK=prod [ARGS=--via alb]
	PULUMI_BACKEND_URL=$${PULUMI_BACKEND_URL:-file://$$PWD/.pulumi} go run . verify --stack $(STACK) $(ARGS)

golden: ## Rewrite every generated artifact after an intended change: testdata/<stack>.json, testdata/examples/<name>.json, Pulumi.yaml's config, examples/*/Pulumi.yaml, the README's diagram and code map, docs/config-reference.md, stack files not in the CLI's form, stackconfig/testdata/messages.txt
	UPDATE_GOLDEN=1 go test . ./stackconfig -run 'Golden|^TestMessages$$' -count=1

bench: ## Synth wall time for dev and for generated configs up to the rule quota
	go test . -run '^$$' -bench Synth -benchtime 5x

bench-process: ## Whole-process wall time users wait for: synth --json of dev and of 100 services, diff --base a ref already seen (medians; needs hyperfine)
	scripts/bench-process.sh

cost: ## Monthly fixed cost of dev and prod, and what each production control adds
	go test . -run '^TestCostOfTheControls$$' -count=1 -v | grep -v '^=== RUN'

build-cost: ## Cold and warm build time of the program vs a minimal SDK program (slow: ~5 min)
	scripts/build-cost.sh

lint-workflows: ## actionlint over .github/workflows
	@if [ -d .github/workflows ]; then go run github.com/rhysd/actionlint/cmd/actionlint@v1.7.12; fi

preview: ## pulumi preview for STACK (local file backend unless PULUMI_BACKEND_URL is set)
	scripts/pulumi-stack.sh preview $(STACK)

up: ## pulumi up for STACK
	scripts/pulumi-stack.sh up $(STACK)

destroy: ## pulumi destroy for STACK
	scripts/pulumi-stack.sh destroy $(STACK)
