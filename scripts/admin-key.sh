# shellcheck shell=bash
# The self-host's admin key for ./run.sh (SPEC §2): there is no well-known default. On first use a random
# 256-bit key is written to DIR/admin-key (directory 0700, file 0600, git-ignored); later runs reuse it.

# admin_key_load DIR: exports SMARTCHAIN_ADMIN_KEY from DIR/admin-key, creating the file first if it is missing.
# Sets ADMIN_KEY_CREATED=1 when this call created it, else 0.
admin_key_load() {
    local dir="$1"
    local file="$dir/admin-key"
    ADMIN_KEY_CREATED=0
    if [[ ! -s "$file" ]]; then
        mkdir -p "$dir"
        chmod 700 "$dir"
        local key tmp="$file.tmp.$$"
        key="$(head -c 32 /dev/urandom | od -An -tx1 -v | tr -d ' \n')"
        if [[ ! "$key" =~ ^[0-9a-f]{64}$ ]]; then
            echo "run.sh: could not read 32 random bytes from /dev/urandom" >&2
            return 1
        fi
        (umask 077 && printf '%s\n' "$key" >"$tmp")
        mv -f "$tmp" "$file"
        ADMIN_KEY_CREATED=1
    fi
    chmod 600 "$file"
    SMARTCHAIN_ADMIN_KEY="$(tr -d '\r\n' <"$file")"
    export SMARTCHAIN_ADMIN_KEY
}
