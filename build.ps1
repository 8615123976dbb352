#!/usr/bin/env pwsh
# Runs the build project in build/: finds the SDK that global.json asks for, rebuilds build/ only when its
# inputs changed (content hash), then runs the built program with every argument passed through.
# Same logic as build.sh.
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$Temp = Join-Path $Root '.nuke/temp'
$Bin = Join-Path $Temp 'build-bin'
$HashFile = Join-Path $Temp 'build.hash'
$InputsFile = Join-Path $Temp 'build.inputs'
$RootFiles = @('global.json', 'Directory.Build.props', 'Directory.Packages.props')
$Extensions = @('.cs', '.csproj', '.sql', '.props', '.targets', '.resx')

function Fail([string] $Message) { [Console]::Error.WriteLine("build.ps1: $Message"); exit 1 }

function Find-Dotnet {
    if ($env:DOTNET_EXE) {
        if (Test-Path $env:DOTNET_EXE -PathType Container) {
            Fail "DOTNET_EXE=$($env:DOTNET_EXE) is a folder, not an executable: point it at the dotnet program inside it ($(Join-Path $env:DOTNET_EXE 'dotnet'))."
        }
        if (-not (Test-Path $env:DOTNET_EXE -PathType Leaf)) {
            Fail "DOTNET_EXE=$($env:DOTNET_EXE) is not an executable: point it at the dotnet program, or unset it to use dotnet from PATH."
        }
        return $env:DOTNET_EXE
    }
    $onPath = Get-Command dotnet -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    $userDotnet = Join-Path $HOME '.dotnet/dotnet'
    foreach ($candidate in @($userDotnet, "$userDotnet.exe")) { if (Test-Path $candidate) { return $candidate } }
    Fail "no dotnet found (DOTNET_EXE, PATH, ~/.dotnet). Install the .NET SDK $(Get-SdkWanted) from https://dot.net."
}

function Get-GlobalJson { Get-Content (Join-Path $Root 'global.json') -Raw | ConvertFrom-Json }
function Get-SdkWanted { $sdk = (Get-GlobalJson).sdk; "$($sdk.version) (rollForward $($sdk.rollForward))" }

# Whether installed SDK $Have satisfies global.json's version and rollForward policy.
function Test-SdkFits([string] $Have) {
    $sdk = (Get-GlobalJson).sdk
    if ($Have.Contains('-') -and -not $sdk.allowPrerelease) { return $false }
    $w = ($sdk.version -split '-')[0] -split '\.' | ForEach-Object { [int]$_ }
    $h = ($Have -split '-')[0] -split '\.' | ForEach-Object { [int]$_ }
    $sameMinor = $h[0] -eq $w[0] -and $h[1] -eq $w[1]
    switch ($sdk.rollForward) {
        'disable' { return $Have -eq $sdk.version }
        { $_ -in 'feature', 'latestFeature' } { return $sameMinor -and $h[2] -ge $w[2] }
        { $_ -in 'minor', 'latestMinor' } { return $h[0] -eq $w[0] -and ($h[1] -gt $w[1] -or ($h[1] -eq $w[1] -and $h[2] -ge $w[2])) }
        { $_ -in 'major', 'latestMajor' } { return $h[0] -gt $w[0] -or ($h[0] -eq $w[0] -and ($h[1] -gt $w[1] -or ($h[1] -eq $w[1] -and $h[2] -ge $w[2]))) }
        default { return $sameMinor -and [math]::Floor($h[2] / 100) -eq [math]::Floor($w[2] / 100) -and $h[2] -ge $w[2] }
    }
}

function Assert-Sdk([string] $Dotnet) {
    if (-not (Test-Path (Join-Path $Root 'global.json'))) { return }
    $installed = & $Dotnet --list-sdks | ForEach-Object { ($_ -split ' ')[0] }
    if (-not ($installed | Where-Object { Test-SdkFits $_ })) {
        Fail "no installed .NET SDK fits global.json: it asks for $(Get-SdkWanted); installed: $($installed -join ' '). Install a fitting SDK from https://dot.net (or set DOTNET_EXE)."
    }
}

# The project folders build/ depends on, following ProjectReference links (relative to the root).
function Get-ProjectDirs {
    $queue = [System.Collections.Generic.Queue[string]]::new(); $queue.Enqueue((Join-Path $Root 'build'))
    $seen = [System.Collections.Generic.List[string]]::new()
    while ($queue.Count -gt 0) {
        $dir = (Resolve-Path $queue.Dequeue()).Path
        if ($seen.Contains($dir)) { continue }
        $seen.Add($dir)
        foreach ($project in Get-ChildItem $dir -Filter *.csproj) {
            foreach ($ref in ([xml](Get-Content $project.FullName -Raw)).SelectNodes('//ProjectReference/@Include')) {
                $queue.Enqueue((Join-Path $dir (Split-Path ($ref.Value -replace '\\', '/'))))
            }
        }
    }
    $seen | ForEach-Object { [IO.Path]::GetRelativePath($Root, $_) }
}

function Get-InputFiles([string[]] $Dirs) {
    $files = foreach ($dir in $Dirs) {
        Get-ChildItem (Join-Path $Root $dir) -Recurse -File |
            Where-Object { $Extensions -contains $_.Extension -and $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
    }
    $paths = [Collections.Generic.List[string]]::new()
    foreach ($file in @($files) + @($RootFiles | ForEach-Object { Get-Item (Join-Path $Root $_) -ErrorAction SilentlyContinue })) {
        if ($file) { $paths.Add(([IO.Path]::GetRelativePath($Root, $file.FullName) -replace '\\', '/')) }
    }
    # build.sh sorts with LC_ALL=C: byte order, so "Directory.Build.props" comes before "build/…" in both scripts.
    $paths.Sort([StringComparer]::Ordinal)
    $paths
}

function Get-InputsHash([string[]] $Dirs) {
    # The same text as build.sh's `sha256sum` lines ("<hash>  <path>"), hashed again as a whole.
    $lines = Get-InputFiles $Dirs | ForEach-Object {
        "$((Get-FileHash (Join-Path $Root $_) -Algorithm SHA256).Hash.ToLowerInvariant())  $_"
    }
    $bytes = [Text.Encoding]::UTF8.GetBytes(($lines -join "`n") + "`n")
    [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($bytes)).ToLowerInvariant()
}

# Warm path: nothing (file or folder, so deletions count) is newer than the stored hash, so no hashing at all.
function Test-UnchangedSinceHash {
    if (-not ((Test-Path (Join-Path $Bin '_build.dll')) -and (Test-Path $HashFile) -and (Test-Path $InputsFile))) { return $false }
    $stamp = (Get-Item $HashFile).LastWriteTimeUtc
    $candidates = @(foreach ($dir in Get-Content $InputsFile) {
        $top = Join-Path $Root $dir
        if (-not (Test-Path $top)) { return $false }
        Get-Item $top # a file deleted directly in it changes the folder's own time
        Get-ChildItem $top -Recurse | Where-Object { $_.FullName -notmatch '[\\/](bin|obj)([\\/]|$)' }
    }) + @($RootFiles | ForEach-Object { Get-Item (Join-Path $Root $_) -ErrorAction SilentlyContinue })
    return -not ($candidates | Where-Object { $_ -and $_.LastWriteTimeUtc -gt $stamp } | Select-Object -First 1)
}

function Update-Build([string] $Dotnet) {
    $dirs = @(Get-ProjectDirs)
    $hash = Get-InputsHash $dirs
    $stored = if (Test-Path $HashFile) { (Get-Content $HashFile -Raw).Trim() } else { '' }
    if (-not (Test-Path (Join-Path $Bin '_build.dll')) -or $stored -ne $hash) {
        Assert-Sdk $Dotnet
        New-Item -ItemType Directory -Force $Temp | Out-Null
        [Console]::Error.WriteLine('build.ps1: building build/ (inputs changed)')
        $log = & $Dotnet build (Join-Path $Root 'build/_build.csproj') -o $Bin --nologo -v q -clp:NoSummary 2>&1
        if ($LASTEXITCODE -ne 0) { $log | ForEach-Object { [Console]::Error.WriteLine($_) }; Fail 'building build/_build.csproj failed; see the errors above.' }
    }
    Set-Content $InputsFile $dirs
    Set-Content $HashFile $hash -NoNewline # rewritten even when equal: it is the timestamp the warm path compares against
}

# On Linux and macOS the build replaces this script's process (Switch-Process is execv, as build.sh's exec), so a
# signal sent to this process alone (a CI runner's cancel, kill) reaches the build, which rolls back and exits non-zero,
# and the caller sees the build's own exit code. A child would never hear SIGTERM, and PowerShell would wait for it.
function Invoke-Build([string] $Dotnet, [string[]] $Arguments) {
    if ($IsWindows) { Invoke-BuildAsChild $Dotnet $Arguments }
    Switch-Process -WithCommand (@(Get-LauncherDeathSignal) + @($Dotnet, (Join-Path $Bin '_build.dll')) + $Arguments)
}

# PowerShell installed as a .NET global tool runs behind a launcher process (Microsoft.PowerShell.GlobalTool.Shim) that
# exits on SIGTERM without passing it on, leaving the build running. On Linux, setpriv gives the build a parent-death
# signal (kept across exec): the launcher's death sends the build SIGTERM, so it still rolls back. Only under that
# launcher: the signal follows the thread that started us, and the launcher's (its Main) lives as long as it does.
function Get-LauncherDeathSignal {
    if (-not $IsLinux) { return @() }
    $setpriv = Get-Command setpriv -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    try {
        $stat = [IO.File]::ReadAllText("/proc/$PID/stat")
        $parent = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')[1]
        $underLauncher = [IO.File]::ReadAllText("/proc/$parent/maps").Contains('Microsoft.PowerShell.GlobalTool.Shim.dll')
    }
    catch { $underLauncher = $false } # another user's parent: not the launcher we started from
    if ($underLauncher -and $setpriv) { return @($setpriv.Source, '--pdeathsig', 'TERM', '--') }
    @()
}

# Windows has no exec: the build runs as a child that shares the console, so Ctrl+C reaches it too (it rolls back and
# exits non-zero); PowerShell then stops this script, and the finally block waits for the child and exits with its code.
function Invoke-BuildAsChild([string] $Dotnet, [string[]] $Arguments) {
    $info = [Diagnostics.ProcessStartInfo]::new($Dotnet)
    $info.ArgumentList.Add((Join-Path $Bin '_build.dll'))
    foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
    $info.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($info)
    try {
        $process.WaitForExit()
    }
    finally {
        $process.WaitForExit()
        [Environment]::Exit($process.ExitCode)
    }
}

$Dotnet = Find-Dotnet
if (-not (Test-UnchangedSinceHash)) { Update-Build $Dotnet }
Invoke-Build $Dotnet @($args)
