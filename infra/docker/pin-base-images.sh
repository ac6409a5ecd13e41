#!/usr/bin/env bash
# Pins the base images of infra/docker/Dockerfile and Dockerfile.cuda by digest, or moves pinned
# ones to their tag's current digest: every `FROM image:tag[@sha256:...]` and every
# `ARG *_IMAGE=image:tag[@sha256:...]` default becomes `image:tag@sha256:<digest the registry
# gives the tag now>`. The tag stays for people; the digest is what Docker pulls, so a rebuild
# uses exactly the base it was tested with until this is run again (docs/aws-deployment.md, step 3).
# Needs Docker with buildx (it reads the registry, it pulls nothing). Review with `git diff`.
#
# usage: infra/docker/pin-base-images.sh [DOCKERFILE...]   (default: Dockerfile Dockerfile.cuda here)
set -euo pipefail
cd "$(dirname "$0")"
[ $# -gt 0 ] || set -- Dockerfile Dockerfile.cuda

resolve() {
  docker buildx imagetools inspect "$1" --format '{{.Manifest.Digest}}'
}

for file in "$@"; do
  [ -f "$file" ] || { echo "pin-base-images: no file '$file'" >&2; exit 1; }
  refs=$(grep -E '^(FROM[[:space:]]|ARG[[:space:]]+[A-Z_]+_IMAGE=)' "$file" \
    | grep -oE '[a-z0-9.-]+(/[a-z0-9._-]+)+:[A-Za-z0-9._-]+(@sha256:[0-9a-f]{64})?' | sort -u || true)
  for ref in $refs; do
    base=${ref%@*}
    digest=$(resolve "$base")
    case "$digest" in
      sha256:*) ;;
      *) echo "pin-base-images: the registry gave no digest for $base (got '$digest')" >&2; exit 1 ;;
    esac
    # '#' as the separator: image references hold '/' and ':' but never '#'.
    sed -i.bak "s#${ref}#${base}@${digest}#g" "$file"
    rm -f "$file.bak"
    echo "$file: $base@$digest"
  done
done
