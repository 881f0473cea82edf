#!/bin/sh
# A consistent copy of the workspace while the app runs: sh deploy/backup-workspace.sh /backup/ka
# (KA_WORKSPACE names the workspace). docs/deploy.md § Backups says why each step is safe.
set -eu
src=${KA_WORKSPACE:?set KA_WORKSPACE to the workspace folder}
dest="$1/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$dest/datasets"
cd "$src"
# 1. datasets: each finished one is an immutable folder that appeared by one rename; skip the .tmp-
#    (being written) and .trash- (being deleted) folders. A dataset deleted while we copy is skipped.
for d in datasets/*; do
    [ -d "$d" ] || continue
    case "${d#datasets/}" in *[!0-9]*) continue ;; esac
    cp -a "$d" "$dest/datasets/" 2>/dev/null || echo "skipped $d (deleted while copying)" >&2
done
# 2. the JSON files are replaced whole (write to a temporary name, rename): each copy is one whole version
cp -a workspace.json "$dest/"
for f in users.json; do [ -e "$f" ] && cp -a "$f" "$dest/"; done
for d in mappings signin; do [ -d "$d" ] && cp -a "$d" "$dest/"; done
# 3. ids after datasets: every dataset copied has its id, so a restored workspace never hands an id out twice
cp -a ids "$dest/"
# 4. the audit log is append-only: the copy is a prefix of it (a last line cut short is skipped on reading)
[ -e audit.jsonl ] && cp -a audit.jsonl "$dest/"
echo "$dest"
