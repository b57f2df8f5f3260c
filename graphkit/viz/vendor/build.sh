#!/usr/bin/env bash
# Rebuild sigma-graphology.min.js from the npm packages at the versions pinned in
# package.json / package-lock.json (npm ci), and copy their licences beside it.
# Run from anywhere: bash graphkit/viz/vendor/build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$here/entry.js" "$work/"
cd "$work"
npm ci --no-audit --no-fund --silent
./node_modules/.bin/esbuild entry.js --bundle --minify --format=iife \
    --global-name=gkvendor --target=es2019 --legal-comments=none \
    --outfile=bundle.js
{
    version() { node -p "JSON.parse(require('fs').readFileSync('node_modules/$1/package.json')).version"; }
    echo "/* sigma $(version sigma) and graphology $(version graphology)" \
         "(MIT, see LICENSE-*.txt beside this file), bundled with esbuild by build.sh */"
    cat bundle.js
} > "$here/sigma-graphology.min.js"
cp node_modules/sigma/LICENSE.txt "$here/LICENSE-sigma.txt"
cp node_modules/graphology/LICENSE.txt "$here/LICENSE-graphology.txt"
cp node_modules/events/LICENSE "$here/LICENSE-events.txt"
echo "wrote $here/sigma-graphology.min.js ($(wc -c < "$here/sigma-graphology.min.js") bytes)"
