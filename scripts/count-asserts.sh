#!/usr/bin/env bash
# Counts assertion macro invocations in the workspace's test code.
#
# Usage: scripts/count-asserts.sh [--verbose]
#   prints the total; with --verbose, first one "COUNT PATH" line per file that has any.
#
# The rule (simple on purpose, so the number is easy to check by hand):
# - Files: the .rs files git tracks (`git ls-files`, so target/ and untracked files are
#   never read), anywhere in the workspace (root crate, migration, search_index, bench).
# - A file with a path component `tests` (tests/, */tests/, bench/tests/, and a
#   src/**/tests/ folder if one ever appears) is test code: every line counts.
# - Any other file under a `src` folder counts only the lines after its first line that is
#   `#[cfg(test)]` (leading whitespace allowed); the project keeps unit tests in a
#   `#[cfg(test)] mod tests { ... }` at the end of the file, so that is the tests module.
#   A file with no such line counts nothing.
# - Everything else (examples/, build scripts, migration sources without tests) is not
#   test code and is not read.
# - Counted macros: assert!, assert_eq!, assert_ne!, debug_assert!, debug_assert_eq!,
#   debug_assert_ne!, prop_assert!, prop_assert_eq!, prop_assert_ne!, each occurrence
#   (two on one line count two). The name must not continue an identifier, so
#   `my_assert!` or `soft_assert_eq!` do not count.
# - Lines whose first non-blank characters are `//` (comments, doc comments) are skipped;
#   code inside string literals or block comments is not recognised and would count.
set -euo pipefail

verbose=0
case "${1:-}" in
    --verbose | -v) verbose=1 ;;
    "") ;;
    -h | --help)
        sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "usage: $0 [--verbose]" >&2
        exit 2
        ;;
esac

cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"

count_file() { # $1 = path, $2 = all|after-cfg-test
    awk -v mode="$2" '
        BEGIN { on = (mode == "all"); n = 0 }
        !on && /^[[:space:]]*#\[cfg\(test\)\][[:space:]]*$/ { on = 1; next }
        !on { next }
        /^[[:space:]]*\/\// { next }
        {
            line = $0
            while (match(line, /(^|[^A-Za-z0-9_])(debug_|prop_)?assert(_eq|_ne)?!/)) {
                n++
                line = substr(line, RSTART + RLENGTH)
            }
        }
        END { print n }
    ' "$1"
}

total=0
files=0
while IFS= read -r f; do
    case "/$f" in
        */tests/*) mode=all ;;
        */src/*) mode=after-cfg-test ;;
        *) continue ;;
    esac
    n=$(count_file "$f" "$mode")
    if [ "$n" -gt 0 ]; then
        files=$((files + 1))
        total=$((total + n))
        if [ "$verbose" = 1 ]; then
            printf '%6d %s\n' "$n" "$f"
        fi
    fi
done < <(git ls-files -- '*.rs' | LC_ALL=C sort)

if [ "$verbose" = 1 ]; then
    printf '%6d total in %d files\n' "$total" "$files"
else
    echo "$total"
fi
