#!/bin/sh
# The Debian package, end to end:
#   tests/packaging/install_test.sh BUILD_DIR [SOURCE_DIR]
# builds the .deb with cpack from BUILD_DIR (a configured and built tree),
# unpacks it into a scratch root, runs the installed sparkmc, checks the man
# page, completions and schemas, and, when pre-commit is installed, runs this
# checkout's hooks (.pre-commit-hooks.yaml at HEAD) with the installed binary
# in a scratch git repository: a bad job file fails with sparkmc's message,
# and the run passes once it is fixed.
# Exit 0 pass, 1 fail, 77 skipped (no cpack, dpkg-deb or pre-commit; without
# pre-commit, the package checks have run and passed first).
set -eu

build=$(cd "${1:?usage: install_test.sh BUILD_DIR [SOURCE_DIR]}" && pwd)
src=$(cd "${2:-$(dirname "$0")/../..}" && pwd)

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }
for tool in cpack dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
done
[ -f "$build/CPackConfig.cmake" ] || fail "$build is not a configured build tree (no CPackConfig.cmake)"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/sparkmc-install-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# 1. The package: built from the build tree, into the scratch folder.
echo "== cpack -G DEB"
(cd "$build" && cpack -G DEB -B "$scratch/pkg") >"$scratch/cpack.log" 2>&1 || { cat "$scratch/cpack.log"; fail "cpack -G DEB"; }
set -- "$scratch"/pkg/*.deb
[ $# -eq 1 ] && [ -f "$1" ] || fail "cpack made no single .deb: $*"
deb=$1
echo "$(basename "$deb")"
field() { dpkg-deb -f "$deb" "$1"; }
version=$(field Version)
[ "$(field Package)" = sparkmc ] || fail "Package: $(field Package)"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Homepage)" ] || fail "no Homepage"
[ -n "$(field Description)" ] || fail "no Description"
depends=$(field Depends)
echo "Version: $version; Depends: $depends"

# 2. Unpacked into a clean root: the binary runs and says the package's version.
root="$scratch/root"
dpkg-deb -x "$deb" "$root"
bin="$root/usr/bin/sparkmc"
[ -x "$bin" ] || fail "no usr/bin/sparkmc in the package"
[ "$("$bin" --version)" = "sparkmc $version" ] || fail "sparkmc --version says '$("$bin" --version)', the package $version"
"$bin" --help | grep -q "sparkmc lint jobs/" || fail "sparkmc --help shows no example"
"$bin" lint --help | grep -q "Examples:" || fail "sparkmc lint --help shows no example"

# Every shared library the binary needs comes from a package it depends on.
if command -v objdump >/dev/null 2>&1; then
  for lib in $(objdump -p "$bin" | awk '$1 == "NEEDED" { print $2 }'); do
    case $lib in
      libc.so.*|libm.so.*|ld-linux*|libpthread.so.*|libdl.so.*|librt.so.*)
        echo "$depends" | grep -q 'libc6' || fail "needs $lib; Depends ($depends) has no libc6" ;;
      *) [ -n "$depends" ] || fail "needs $lib; the package has no Depends" ;;
    esac
  done
fi

for f in usr/share/man/man1/sparkmc.1 usr/share/bash-completion/completions/sparkmc usr/share/zsh/site-functions/_sparkmc \
         usr/share/zsh/vendor-completions/_sparkmc \
         usr/share/sparkmc/schemas/start-job-run.schema.json usr/share/sparkmc/schemas/ack-jobrun.schema.json \
         usr/share/sparkmc/schemas/k8s/pod-v1.json usr/share/sparkmc/schemas/spark-operator/sparkapplication-v1beta2.json; do
  [ -s "$root/$f" ] || fail "the package has no $f"
done
# The man page lists every command, the completions every command and option.
for sub in compile lint check rules explain schema; do
  grep -q "^\.SS $sub\$" "$root/usr/share/man/man1/sparkmc.1" || fail "the man page has no section for $sub"
done
grep -q 'fail\\-on\\-skipped' "$root/usr/share/man/man1/sparkmc.1" || fail "the man page lacks lint --fail-on-skipped"
if command -v man >/dev/null 2>&1; then
  MANWIDTH=100 man -l "$root/usr/share/man/man1/sparkmc.1" 2>"$scratch/man.err" | grep -q "sparkmc compile" ||
    fail "man cannot render the man page: $(cat "$scratch/man.err")"
fi
if command -v bash >/dev/null 2>&1; then
  bash -n "$root/usr/share/bash-completion/completions/sparkmc" || fail "bash completion: syntax error"
  # shellcheck disable=SC2016
  got=$(bash -c '. "$1"; COMP_WORDS=(sparkmc li); COMP_CWORD=1; _sparkmc; echo "${COMPREPLY[*]}";
                 COMP_WORDS=(sparkmc lint --fail-on-s); COMP_CWORD=2; _sparkmc; echo "${COMPREPLY[*]}"' \
          _ "$root/usr/share/bash-completion/completions/sparkmc")
  [ "$got" = "lint
--fail-on-skipped" ] || fail "bash completion completes 'sparkmc li' and 'lint --fail-on-s' to: $got"
fi
if command -v zsh >/dev/null 2>&1; then
  zsh -n "$root/usr/share/zsh/site-functions/_sparkmc" || fail "zsh completion: syntax error"
fi
echo "ok: package installs, runs, has its man page, completions and schemas"

# 3. The pre-commit hooks, with the installed binary on PATH.
command -v pre-commit >/dev/null 2>&1 || skip "pre-commit is not installed (apt-get install pre-commit): the hooks are untested"
command -v git >/dev/null 2>&1 || fail "pre-commit needs git"
git -C "$src" rev-parse --git-dir >/dev/null 2>&1 || skip "$src is not a git checkout: pre-commit clones the hooks from one"
rev=$(git -C "$src" rev-parse HEAD)
git -C "$src" cat-file -e "$rev:.pre-commit-hooks.yaml" 2>/dev/null || fail ".pre-commit-hooks.yaml is not committed at HEAD ($rev)"
if [ -n "$(git -C "$src" status --porcelain -- .pre-commit-hooks.yaml)" ]; then
  echo "NOTE: .pre-commit-hooks.yaml has uncommitted changes. pre-commit clones rev $rev, so this run"
  echo "      tests the hooks as committed at HEAD, not your edits: commit them to test them."
fi
echo "== pre-commit $(pre-commit --version | sed 's/^pre-commit //') with the hooks at $rev"

repo="$scratch/repo"
mkdir -p "$repo/jobs" "$repo/.github/workflows"
git -C "$repo" init -q
cp "$src/examples/.sparkmc.yaml" "$repo/.sparkmc.yaml"
cp "$src/examples/pi.json" "$repo/jobs/pi.json"
sed 's/"name": "pi"/"nmae": "broken"/' "$src/examples/pi.json" >"$repo/jobs/broken.json"
# Files lint does not read are skipped, not errors.
printf 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps: [{run: sparkmc lint jobs/}]\n' >"$repo/.github/workflows/ci.yml"
cat >"$repo/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $src
    rev: $rev
    hooks:
      - id: sparkmc-lint
      - id: sparkmc-check
EOF
(cd "$repo" && PATH="$root/usr/bin:$PATH" sparkmc compile jobs/pi.json -o manifests/pi) >/dev/null || fail "compile jobs/pi.json"
git -C "$repo" add -A

run_hooks() {
  (cd "$repo" && PATH="$root/usr/bin:$PATH" PRE_COMMIT_HOME="$scratch/pre-commit-home" \
     pre-commit run --all-files --color never) >"$scratch/run.log" 2>&1
}
if run_hooks; then
  cat "$scratch/run.log"; fail "pre-commit passed with jobs/broken.json"
fi
cat "$scratch/run.log"
grep -q "jobs/broken.json:3:3: error: unknown field 'nmae', did you mean 'name'?" "$scratch/run.log" ||
  fail "pre-commit failed without sparkmc's message for jobs/broken.json"
grep -q "^sparkmc lint\.*Failed" "$scratch/run.log" || fail "the sparkmc-lint hook did not fail"

git -C "$repo" rm -qf jobs/broken.json
run_hooks || { cat "$scratch/run.log"; fail "pre-commit fails once jobs/broken.json is gone"; }
cat "$scratch/run.log"
grep -q "^sparkmc lint\.*Passed" "$scratch/run.log" || fail "sparkmc-lint did not run"
grep -q "^sparkmc check\.*Passed" "$scratch/run.log" || fail "sparkmc-check did not run"

# Drift: a hand-edited manifest fails sparkmc-check.
for f in "$repo"/manifests/pi/*; do
  case $f in */kustomization.yaml) ;; *) echo "# edited" >>"$f"; break ;; esac
done
git -C "$repo" add -A
if run_hooks; then cat "$scratch/run.log"; fail "sparkmc-check passed with an edited manifest"; fi
grep -q "^sparkmc check\.*Failed" "$scratch/run.log" || { cat "$scratch/run.log"; fail "sparkmc-check did not fail on drift"; }
echo "ok: pre-commit fails on a bad job and on drift, and passes on good ones"
