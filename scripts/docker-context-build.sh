#!/usr/bin/env bash
# Builds the workspace from what the Dockerfile's builder stage would see, for machines
# without a Docker engine: a folder missing from a COPY line or excluded by .dockerignore
# fails here as it would in `docker build`.
#
# It reads the builder stage's `COPY <src>... <dst>` lines (`COPY --from=` is skipped),
# copies those sources from the repository, drops what .dockerignore excludes, places
# them at their destinations under a temporary folder standing for the stage's WORKDIR,
# then runs a debug `cargo build --locked --workspace` there. The build is debug, not the
# image's release build, and shares the repository's target/ (or $CARGO_TARGET_DIR), so
# only the workspace's own crates are recompiled.
#
# Usage: bash scripts/docker-context-build.sh [--keep]   (--keep leaves the folder behind)
# Handles the Dockerfile and .dockerignore forms this repository uses; anything else is an
# error rather than a guess: COPY in JSON form, with wildcards or with flags other than
# --chown/--chmod/--link; .dockerignore lines starting with `!`.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
keep=0
case "${1:-}" in
  "") ;;
  --keep) keep=1 ;;
  *) printf 'usage: %s [--keep]\n' "$0" >&2; exit 2 ;;
esac

die() { printf 'docker-context-build: %s\n' "$*" >&2; exit 1; }

dockerfile="$repo/Dockerfile"
ignorefile="$repo/.dockerignore"
[[ -f $dockerfile ]] || die "no Dockerfile in $repo"

# A relative CARGO_TARGET_DIR would otherwise land inside the temporary folder.
target_dir=${CARGO_TARGET_DIR:-$repo/target}
[[ $target_dir = /* ]] || target_dir="$repo/$target_dir"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hostmatch-docker-context.XXXXXX")
cleanup() {
  if ((keep)); then echo "left in $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
stage="$tmp/context" # the sources, at their paths in the build context
build="$tmp/build"   # the builder stage's WORKDIR
mkdir -p "$stage" "$build"

# Dockerfile lines with their `\` continuations joined, comments and blank lines dropped.
instructions() {
  local line joined=""
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%$'\r'}
    # Docker drops comment and blank lines inside a continuation too.
    if [[ $line =~ ^[[:space:]]*(#|$) ]]; then continue; fi
    if [[ $line =~ ^(.*)\\[[:space:]]*$ ]]; then
      joined+="${BASH_REMATCH[1]} "
      continue
    fi
    printf '%s\n' "$joined$line"
    joined=""
  done <"$dockerfile"
  if [[ -n $joined ]]; then printf '%s\n' "$joined"; fi
}

# The builder stage is the one named `builder`; its COPY lines go to `copies`, one
# "src... dst" word list per line.
copies=()
workdir=/
in_builder=0
seen_builder=0
while IFS= read -r ins; do
  read -r -a words <<<"$ins"
  keyword=${words[0]^^}
  if ((in_builder)) && [[ $keyword = COPY || $keyword = WORKDIR ]] && [[ $ins = *[\$\'\"]* || $ins = *"<<"* ]]; then
    die "variables, quotes and heredocs are not handled: $ins"
  fi
  if [[ $keyword = FROM ]]; then
    in_builder=0
    n=${#words[@]}
    if ((n >= 4)) && [[ ${words[n - 2],,} = as && ${words[n - 1],,} = builder ]]; then
      in_builder=1
      seen_builder=1
    fi
    continue
  fi
  ((in_builder)) || continue
  case $keyword in
    WORKDIR)
      ((${#words[@]} == 2)) || die "WORKDIR with spaces is not handled: $ins"
      dir=${words[1]}
      if [[ $dir = /* ]]; then workdir=$dir; else workdir="${workdir%/}/$dir"; fi
      ;;
    COPY | ADD)
      args=("${words[@]:1}")
      [[ $keyword = COPY ]] || die "ADD is not handled: $ins"
      [[ ${args[0]:-} != \[* ]] || die "COPY in JSON form is not handled: $ins"
      from=0
      plain=()
      for a in "${args[@]}"; do
        case $a in
          --from=*) from=1 ;;
          --chown=* | --chmod=* | --link | --link=*) ;;
          --*) die "COPY flag not handled: $a" ;;
          *) plain+=("$a") ;;
        esac
      done
      ((from)) && continue
      ((${#plain[@]} >= 2)) || die "COPY needs a source and a destination: $ins"
      copies+=("${plain[*]}|$workdir")
      ;;
  esac
done < <(instructions)
((seen_builder)) || die "no \`FROM ... AS builder\` stage in $dockerfile"
((${#copies[@]})) || die "the builder stage has no COPY lines"

# A context path as Docker cleans it: no leading `/` or `./`, no trailing `/`.
clean() {
  local p=$1
  while [[ $p = /* ]]; do p=${p#/}; done
  while [[ $p = ./* ]]; do p=${p#./}; done
  while [[ $p = */ && $p != / ]]; do p=${p%/}; done
  [[ -n $p && $p != . ]] || p=.
  printf '%s' "$p"
}

# 1. The sources, staged at their context paths.
for entry in "${copies[@]}"; do
  read -r -a words <<<"${entry%|*}"
  for src in "${words[@]:0:${#words[@]}-1}"; do
    [[ $src != *[\*\?\[]* ]] || die "wildcards in COPY sources are not handled: $src"
    rel=$(clean "$src")
    [[ $rel != .. && $rel != ../* && $rel != */../* && $rel != */.. ]] ||
      die "COPY source outside the context: $src"
    [[ $rel != . ]] || die "COPY of the whole context is not handled: $src"
    [[ -e $repo/$rel ]] || die "COPY source not in the repository: $src"
    [[ ! -e $stage/$rel ]] || continue
    mkdir -p "$stage/$(dirname "$rel")"
    # -a keeps modification times, which Cargo's freshness check compares.
    cp -a "$repo/$rel" "$stage/$rel"
  done
done

# 2. What .dockerignore excludes. Its patterns are rooted at the context (a leading `/`
# changes nothing), `*` and `?` stay within one path segment, `**` spans any number of
# them, and an excluded directory takes its contents with it. Bash's globstar matching
# agrees with that for the patterns used here.
if [[ -f $ignorefile ]]; then
  shopt -s globstar dotglob nullglob
  while IFS= read -r pat || [[ -n $pat ]]; do
    pat=${pat%$'\r'}
    pat=${pat#"${pat%%[![:space:]]*}"}
    pat=${pat%"${pat##*[![:space:]]}"}
    [[ -n $pat && $pat != \#* ]] || continue
    [[ $pat != !* ]] || die ".dockerignore exceptions (!) are not handled: $pat"
    pat=$(clean "$pat")
    [[ $pat != . ]] || die ".dockerignore excludes the whole context: $pat"
    (
      cd "$stage"
      # Unquoted on purpose: the pattern is expanded as a glob.
      # shellcheck disable=SC2206
      globbed=($pat)
      hits=()
      for h in "${globbed[@]}"; do
        if [[ -e $h || -L $h ]]; then hits+=("$h"); fi
      done
      if ((${#hits[@]})); then
        printf 'excluded by .dockerignore (%s): %s\n' "$pat" "${hits[*]}"
        rm -rf -- "${hits[@]}"
      fi
    )
  done <"$ignorefile"
  shopt -u globstar dotglob nullglob
fi

# 3. Each COPY, as Docker runs it: a directory's contents go into the destination; a file
# goes into it when it ends in `/`, names an existing directory or takes several sources,
# else becomes it. A source the .dockerignore removed fails the build, as in Docker.
for entry in "${copies[@]}"; do
  workdir=${entry##*|}
  read -r -a words <<<"${entry%|*}"
  n=${#words[@]}
  dst=${words[n - 1]}
  if [[ $dst != /* ]]; then dst="${workdir%/}/$dst"; fi
  base=${workdir%/}
  case $dst in
    "$base" | "$base"/ | "$base"/. | "$base"/./) rel_dst=. ;;
    "$base"/*) rel_dst=$(clean "${dst#"$base"/}") ;;
    *) die "COPY destination $dst is outside WORKDIR $workdir, which this script stands for" ;;
  esac
  [[ $rel_dst != .. && $rel_dst != ../* && $rel_dst != */../* ]] ||
    die "COPY destination outside WORKDIR: $dst"
  target="$build/$rel_dst"
  for src in "${words[@]:0:n-1}"; do
    rel=$(clean "$src")
    from="$stage/$rel"
    if [[ ! -e $from ]]; then
      die "COPY source $src is excluded by .dockerignore, so docker build would fail"
    fi
    if [[ -d $from ]]; then
      mkdir -p "$target"
      cp -a "$from/." "$target/"
    elif [[ $dst = */ || -d $target ]] || ((n > 2)); then
      mkdir -p "$target"
      cp -a "$from" "$target/"
    else
      mkdir -p "$(dirname "$target")"
      cp -a "$from" "$target"
    fi
  done
  echo "COPY ${words[*]}"
done

echo "build context in $build:"
(cd "$build" && find . -mindepth 1 -maxdepth 1 | LC_ALL=C sort | sed 's|^\./|  |')

# Debug on purpose: this checks the context, not the optimiser, and a release build costs
# several times as long.
echo "CARGO_TARGET_DIR=$target_dir cargo build --locked --workspace"
cd "$build"
CARGO_TARGET_DIR=$target_dir cargo build --locked --workspace
