# Authenticode signing for the Windows bundles, called by the Tauri bundler for every binary
# (tauri.conf.json: bundle.windows.signCommand, "%1" is the file). Configured from the
# environment only, so no certificate detail lives in the repository:
#   CASCO_SIGN_CERT_THUMBPRINT  SHA-1 thumbprint of a code-signing certificate in the user's
#                               certificate store (an EV certificate on a token works the same)
#   CASCO_SIGN_TIMESTAMP_URL    RFC 3161 timestamp server (default http://timestamp.digicert.com)
# Without a thumbprint the build stays unsigned, says so, and succeeds: developers and CI
# build unsigned installers; release builds set the variables.
param([Parameter(Mandatory = $true)][string]$File)
$ErrorActionPreference = "Stop"
$thumbprint = $env:CASCO_SIGN_CERT_THUMBPRINT
if ([string]::IsNullOrWhiteSpace($thumbprint)) {
    Write-Host "unsigned: CASCO_SIGN_CERT_THUMBPRINT is not set ($File)"
    exit 0
}
$timestamp = if ($env:CASCO_SIGN_TIMESTAMP_URL) { $env:CASCO_SIGN_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
& signtool.exe sign /sha1 $thumbprint /fd sha256 /tr $timestamp /td sha256 /d "Casco Desk" $File
if ($LASTEXITCODE -ne 0) { throw "signtool failed ($LASTEXITCODE) for $File" }
