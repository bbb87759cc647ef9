#!/usr/bin/env bash
# The whole check, as CI runs it (`npm test`): Debian tools, types, lint, manifest schema,
# production build, then every test (the browser test reuses that build). Stops at the first
# failure. The fast loop without browser and LibreOffice is `npm run test:unit`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

# need_pkg <command> <debian-package> [more packages…]
# Makes sure <command> exists. As root on Debian it installs the package(s) (one apt-get update
# per run); anywhere else it stops and names what to install.
need_pkg() {
  local cmd=$1
  shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if [[ -f /etc/debian_version && $(id -u) -eq 0 ]]; then
    echo "Installing Debian package(s) $* (for $cmd)"
    if [[ -z ${DTI_APT_UPDATED:-} ]]; then
      DEBIAN_FRONTEND=noninteractive apt-get update
      export DTI_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
    command -v "$cmd" >/dev/null 2>&1 || { echo "Installed $* but '$cmd' is still missing" >&2; exit 1; }
  else
    echo "Missing Debian package $*: apt-get install $*" >&2
    exit 1
  fi
}

STEPS=6
step_no=0
step_started=0
step() {
  finish_step
  step_no=$((step_no + 1))
  step_started=$SECONDS
  printf '\n== [%d/%d] %s ==\n' "$step_no" "$STEPS" "$*"
}
finish_step() {
  if ((step_no > 0)); then printf -- '-- ok (%ds)\n' "$((SECONDS - step_started))"; fi
}

step "Debian tools"
need_pkg xmllint libxml2-utils
# LibreOffice recalculates the portable templates in test/e2e (a real spreadsheet nobody here wrote);
# DejaVu gives Vietnamese diacritics a font in anything it renders.
need_pkg soffice libreoffice-calc fonts-dejavu-core
need_pkg chromium chromium
# test/build/hosting.test.ts runs deploy/nginx.conf in a real nginx.
need_pkg nginx nginx-light
echo "xmllint: $(command -v xmllint); soffice: $(command -v soffice)"

step "Type check (tsc --noEmit)"
tsc --noEmit -p tsconfig.json
# The CommonJS tooling files that opt in with // @ts-check (webpack.config.js, scripts/*.js, …).
tsc -p tsconfig.tools.json
# What the add-in bundles, with browser and Office types only: Node APIs (fs, zlib, Buffer) in
# anything the task pane or the functions load would fail here, not in Excel.
tsc --noEmit -p tsconfig.build.json

step "Lint (eslint, layer rule)"
eslint .
# Imports run one way (catalog → engine → layout → i18n → office|xlsx → cli|taskpane), no cycles,
# no Node built-in reachable from the browser entries: dependency-cruiser.config.js.
depcruise src --config dependency-cruiser.config.js

step "Manifest schema (xmllint)"
# Prefer the shared copy next to the repository; the vendored copy keeps a lone clone working.
schema_dir=../shared/schemas/office-addin-manifest-xsd
[[ -f $schema_dir/OfficeAppManifestV1_1.xsd ]] || schema_dir=test/schemas/office-addin-manifest-xsd
echo "schemas: $schema_dir"
xmllint --noout --schema "$schema_dir/OfficeAppManifestV1_1.xsd" manifest.xml

step "Production build (webpack)"
# Built once, before the tests: the browser test (test/e2e/pane.test.ts) serves this dist/ while
# the stamp below is newer than every source (test/support/dist.ts), instead of building again.
webpack --mode production --stats errors-warnings
node -e '
  const fs = require("fs");
  for (const file of ["dist/functions.json", "dist/functions-vi.json"]) {
    if (!fs.existsSync(file)) { console.error(`missing ${file}`); process.exit(1); }
    let metadata;
    try { metadata = JSON.parse(fs.readFileSync(file, "utf8")); }
    catch (error) { console.error(`${file} is not JSON: ${error.message}`); process.exit(1); }
    if (!Array.isArray(metadata.functions) || metadata.functions.length === 0) {
      console.error(`${file} lists no functions`); process.exit(1);
    }
    console.log(`${file}: ${metadata.functions.length} functions`);
  }
'
touch dist/.npm-test-build

step "Tests (jest: unit, fake host, LibreOffice, Chromium, build)"
jest --ci
finish_step
printf '\nAll checks passed.\n'
