#!/bin/sh
# Put Election Board in the desktop's menu for this user: the desktop entry
# (pointing at this folder's program) and the icon, under ~/.local/share.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
id=org.electionboard.ElectionBoard
mkdir -p "$data/applications" "$data/icons/hicolor/scalable/apps"
sed "s|^Exec=electionboard|Exec=\"$here/electionboard\"|" \
    "$here/share/applications/$id.desktop" > "$data/applications/$id.desktop"
cp "$here/share/icons/hicolor/scalable/apps/$id.svg" "$data/icons/hicolor/scalable/apps/"
echo "installed $data/applications/$id.desktop"
