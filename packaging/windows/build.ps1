<#
.SYNOPSIS
    Build the KIM Desktop installer for 64-bit Windows: dist\kim-desktop-<version>-x64.msi.

.DESCRIPTION
    Steps, each stopping the build when it fails:
      1. find a 64-bit Python 3.11 or newer (py launcher: 3.12, then 3.11; else python.exe);
         check that WiX v5 is installed (and signtool when signing);
      2. create a fresh virtual environment in packaging\build\windows\venv and install
         KIM Desktop and PyInstaller into it (with -RunTests also the test extras, then pytest);
      3. render the program icon: packaging\make_icons.py -> packaging\build\icons\kim-desktop.ico;
      4. freeze the program: PyInstaller with packaging\kim.spec -> dist\kim-desktop\;
      5. optionally sign every .exe, .dll and .pyd the program ships (-CertificateThumbprint),
         so that WDAC/AppLocker publisher rules can allow the whole folder: files a vendor
         signed already (Python, Qt) keep that signature and get the district's appended;
      6. smoke-test the frozen program (kim --version, kim demo, kim verify, kim-desktop
         starting offscreen and quitting by itself);
      7. build the MSI with WiX v5 (wix build) and check it with the ICE validators
         (wix msi validate) and by comparing its file count with dist\kim-desktop;
      8. optionally sign the MSI; write its SHA-256 next to it (<msi>.sha256).

    Run it from any folder; it works in the repository this file belongs to. Needs Windows 10/11
    x64, Python 3.11/3.12 (64-bit, python.org), the .NET SDK 8 and the WiX .NET tool v5:
        dotnet tool install --global wix --version 5.*
    See packaging\windows\README.md.

    Written on Linux, where WiX cannot run: this script has not been run yet. Check its steps on
    the first build (README.md lists what to check).

.PARAMETER Python
    Python to build with (path or command name). Default: py -3.12-64, py -3.11-64 (the py
    launcher), then python.exe on PATH.

.PARAMETER ReuseVenv
    Keep an existing packaging\build\windows\venv instead of creating it afresh (faster, for
    trying things out; release builds should not use it).

.PARAMETER RunTests
    Also install the test extras and run the test suite (python -m pytest) before freezing.

.PARAMETER MsiVersion
    MSI ProductVersion (three numbers, e.g. 0.1.0). Default: kim_desktop.__version__, which must
    then be three numbers; a version like 0.2.0rc1 needs -MsiVersion.

.PARAMETER CertificateThumbprint
    SHA-1 thumbprint of a code-signing certificate in the certificate store. Given: every
    .exe, .dll and .pyd of the program and the MSI are signed with signtool, and each is
    checked afterwards. Not given: nothing is signed.

.PARAMETER TimestampUrl
    RFC 3161 time-stamp server of the certificate's issuer. Required with -CertificateThumbprint.

.PARAMETER MachineStore
    Look for the certificate in the machine store (LocalMachine\My) instead of CurrentUser\My.

.PARAMETER SignTool
    Path of signtool.exe. Default: signtool.exe on PATH, else the newest x64 one of the
    Windows 10/11 SDK.

.PARAMETER HelpUrl
    Web address shown in Add/Remove Programs (support and "about" link). Default: none.

.PARAMETER SkipValidation
    Do not run the ICE validators (wix msi validate).

.EXAMPLE
    powershell -NoProfile -ExecutionPolicy Bypass -File packaging\windows\build.ps1

.EXAMPLE
    .\packaging\windows\build.ps1 -CertificateThumbprint 0123456789ABCDEF0123456789ABCDEF01234567 -TimestampUrl http://timestamp.example.org
#>
[CmdletBinding()]
param(
    [string] $Python,
    [switch] $ReuseVenv,
    [switch] $RunTests,
    [string] $MsiVersion,
    [string] $CertificateThumbprint,
    [string] $TimestampUrl,
    [switch] $MachineStore,
    [string] $SignTool,
    [string] $HelpUrl,
    [switch] $SkipValidation
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
# PowerShell 7.3+: exit codes are checked below, not turned into errors a second time.
$PSNativeCommandUseErrorActionPreference = $false

$Root = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
$BuildDir = Join-Path $Root 'packaging\build\windows'
$Venv = Join-Path $BuildDir 'venv'
$VenvPython = Join-Path $Venv 'Scripts\python.exe'
$DistRoot = Join-Path $Root 'dist'
$AppDir = Join-Path $DistRoot 'kim-desktop'
$IconFile = Join-Path $Root 'packaging\build\icons\kim-desktop.ico'
$Wxs = Join-Path $PSScriptRoot 'kim-desktop.wxs'

function Write-Step([string] $Text) {
    Write-Host ''
    Write-Host "==> $Text" -ForegroundColor Cyan
}

function Invoke-Native {
    # Run a program and stop the build when its exit code is not 0. Its output goes to the
    # console, or with -Capture is returned as one string (stdout and stderr).
    param(
        [Parameter(Mandatory = $true)] [string] $FilePath,
        [string[]] $Arguments = @(),
        [switch] $Capture
    )
    if (-not (Get-Command $FilePath -CommandType Application -ErrorAction SilentlyContinue)) {
        throw "Program not found: $FilePath"
    }
    $output = @()
    # Windows PowerShell makes error records of a program's stderr lines and would stop on the
    # first one (PyInstaller and pip log to stderr); only the exit code decides here.
    $ErrorActionPreference = 'Continue'
    if ($Capture) {
        $output = @(& $FilePath @Arguments 2>&1 | ForEach-Object { "$_" })
    } else {
        & $FilePath @Arguments | Out-Host
    }
    $code = $LASTEXITCODE
    $ErrorActionPreference = 'Stop'
    if ($code -ne 0) {
        $text = "Failed (exit code $code): $FilePath $($Arguments -join ' ')"
        if ($Capture -and $output.Count -gt 0) { $text += "`n" + ($output -join "`n") }
        throw $text
    }
    if ($Capture) { return ($output -join "`n").Trim() }
}

function Get-PythonExecutable {
    # The full path of the Python to build with.
    $ErrorActionPreference = 'Continue'   # a missing py -3.x writes to stderr; that is fine here
    if ($Python) {
        $command = Get-Command $Python -CommandType Application -ErrorAction SilentlyContinue |
            Select-Object -First 1
        if (-not $command) { throw "Python not found: $Python" }
        return $command.Source
    }
    $launcher = Get-Command 'py.exe' -CommandType Application -ErrorAction SilentlyContinue |
        Select-Object -First 1
    if ($launcher) {
        foreach ($wanted in @('-3.12-64', '-3.11-64')) {
            $found = & $launcher.Source $wanted -c 'import sys; print(sys.executable)' 2>$null
            if ($LASTEXITCODE -eq 0 -and $found) { return (@($found)[0]).Trim() }
        }
    }
    # python.exe under ...\WindowsApps\ is the Microsoft Store stub, not an installed Python.
    $command = Get-Command 'python.exe' -CommandType Application -ErrorAction SilentlyContinue |
        Where-Object { $_.Source -notlike '*\WindowsApps\*' } | Select-Object -First 1
    if ($command) { return $command.Source }
    throw 'No Python found. Install Python 3.12 or 3.11 (64-bit) from python.org, or pass -Python.'
}

function Find-SignTool {
    if ($SignTool) {
        if (-not (Test-Path $SignTool -PathType Leaf)) { throw "signtool not found: $SignTool" }
        return (Resolve-Path $SignTool).Path
    }
    $command = Get-Command 'signtool.exe' -CommandType Application -ErrorAction SilentlyContinue |
        Select-Object -First 1
    if ($command) { return $command.Source }
    $kits = Join-Path ${env:ProgramFiles(x86)} 'Windows Kits\10\bin'
    $found = Get-ChildItem -Path $kits -Filter 'signtool.exe' -Recurse -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -like '*\x64\signtool.exe' } |
        Sort-Object -Property FullName -Descending | Select-Object -First 1
    if (-not $found) {
        throw 'signtool.exe not found: install the Windows SDK (signing tools) or pass -SignTool.'
    }
    return $found.FullName
}

function Invoke-Sign([string] $Path, [string] $Tool) {
    $arguments = @('sign', '/sha1', $CertificateThumbprint, '/fd', 'SHA256',
        '/tr', $TimestampUrl, '/td', 'SHA256', '/d', 'KIM Desktop')
    if ($MachineStore) { $arguments += '/sm' }
    Invoke-Native $Tool ($arguments + @($Path))
    $signature = Get-AuthenticodeSignature -FilePath $Path
    if ($signature.Status -ne 'Valid') {
        throw "Signature of $Path is not valid after signing: $($signature.Status) $($signature.StatusMessage)"
    }
    Write-Host "Signed: $Path ($($signature.SignerCertificate.Subject))"
}

function Invoke-SignAll([string] $Folder, [string] $Tool) {
    # Every binary Windows loads from the program's folder: WDAC and AppLocker check each
    # .exe, .dll and .pyd, not only the two programs. signtool takes many files per call (the
    # time-stamp server is asked per file anyway); files a vendor signed keep that signature
    # and get ours appended (/as), unsigned ones get ours as the first.
    $binaries = Get-ChildItem -Path $Folder -Recurse -File -Include '*.exe', '*.dll', '*.pyd' |
        Sort-Object FullName
    if (-not $binaries) { throw "no .exe, .dll or .pyd found in $Folder" }
    $signed = @($binaries | Where-Object { (Get-AuthenticodeSignature -FilePath $_.FullName).Status -eq 'Valid' })
    $unsigned = @($binaries | Where-Object { $signed -notcontains $_ })
    $common = @('sign', '/sha1', $CertificateThumbprint, '/fd', 'SHA256',
        '/tr', $TimestampUrl, '/td', 'SHA256', '/d', 'KIM Desktop')
    if ($MachineStore) { $common += '/sm' }
    foreach ($group in @(@{ Files = $unsigned; Extra = @() }, @{ Files = $signed; Extra = @('/as') })) {
        $files = @($group.Files | ForEach-Object { $_.FullName })
        for ($start = 0; $start -lt $files.Count; $start += 50) {
            $batch = $files[$start..([Math]::Min($start + 49, $files.Count - 1))]
            Invoke-Native $Tool ($common + $group.Extra + $batch)
        }
    }
    $bad = @($binaries | Where-Object {
            $signature = Get-AuthenticodeSignature -FilePath $_.FullName
            $signature.Status -ne 'Valid' -or
            -not (& $Tool verify /pa /all /q $_.FullName 2>$null; $LASTEXITCODE -eq 0)
        })
    if ($bad) { throw "not validly signed after signing: $($bad[0].FullName) (and $($bad.Count - 1) more)" }
    Write-Host "Signed: $($binaries.Count) files ($($unsigned.Count) unsigned before, $($signed.Count) with a vendor's signature kept)"
}

function Get-MsiFileCount([string] $Path) {
    # Rows of the File table of an .msi, read with the Windows Installer automation interface.
    $installer = $null
    $database = $null
    $view = $null
    try {
        $installer = New-Object -ComObject WindowsInstaller.Installer
        $database = $installer.GetType().InvokeMember('OpenDatabase', 'InvokeMethod', $null,
            $installer, @($Path, 0))
        $view = $database.GetType().InvokeMember('OpenView', 'InvokeMethod', $null, $database,
            @('SELECT `File` FROM `File`'))
        [void] $view.GetType().InvokeMember('Execute', 'InvokeMethod', $null, $view, $null)
        $count = 0
        while ($null -ne $view.GetType().InvokeMember('Fetch', 'InvokeMethod', $null, $view, $null)) {
            $count++
        }
        [void] $view.GetType().InvokeMember('Close', 'InvokeMethod', $null, $view, $null)
        return $count
    } finally {
        # Release the database, or the .msi stays open and cannot be signed or moved.
        foreach ($object in @($view, $database, $installer)) {
            if ($null -ne $object) {
                [void] [System.Runtime.InteropServices.Marshal]::FinalReleaseComObject($object)
            }
        }
        [System.GC]::Collect()
        [System.GC]::WaitForPendingFinalizers()
    }
}

# ---------------------------------------------------------------------------------------------

if ([System.Environment]::OSVersion.Platform -ne 'Win32NT' -or
    -not [System.Environment]::Is64BitOperatingSystem) {
    throw 'The MSI is built on 64-bit Windows (WiX and the frozen Windows program need it).'
}
if ($CertificateThumbprint -and -not $TimestampUrl) {
    throw '-CertificateThumbprint needs -TimestampUrl (the time-stamp server of the certificate issuer).'
}
# Thumbprints copied from the certificate dialog carry spaces and invisible marks.
$CertificateThumbprint = ($CertificateThumbprint -replace '[^0-9A-Fa-f]', '')

Push-Location $Root
try {
    # Version: kim_desktop.__version__ names the file; the MSI needs three numbers.
    $init = Get-Content -Raw -Path (Join-Path $Root 'kim_desktop\__init__.py')
    if ($init -notmatch '__version__\s*=\s*"([^"]+)"') {
        throw 'No __version__ found in kim_desktop\__init__.py.'
    }
    $Version = $Matches[1]
    if (-not $MsiVersion) { $MsiVersion = $Version }
    if ($MsiVersion -notmatch '^(\d+)\.(\d+)\.(\d+)$' -or
        [int] $Matches[1] -gt 255 -or [int] $Matches[2] -gt 255 -or [int] $Matches[3] -gt 65535) {
        throw "MSI version '$MsiVersion' is not major.minor.build (at most 255.255.65535); pass -MsiVersion."
    }
    $Msi = Join-Path $DistRoot "kim-desktop-$Version-x64.msi"
    $Pdb = Join-Path $BuildDir "kim-desktop-$Version-x64.wixpdb"
    Write-Host "KIM Desktop $Version (MSI version $MsiVersion), repository $Root"

    Write-Step 'Tools'
    $BasePython = Get-PythonExecutable
    $pythonInfo = Invoke-Native $BasePython @('-c',
        'import struct, sys; print(sys.version_info[0], sys.version_info[1], struct.calcsize(''P'') * 8)') -Capture
    $major, $minor, $bits = $pythonInfo -split '\s+' | ForEach-Object { [int] $_ }
    if ($major -ne 3 -or $minor -lt 11) { throw "$BasePython is Python $major.$minor; KIM Desktop needs 3.11 or newer." }
    if ($bits -ne 64) { throw "$BasePython is a $bits-bit Python; the x64 MSI needs a 64-bit Python." }
    if ($minor -gt 12) { Write-Warning "Python 3.$minor has not been tried for this build; 3.11 and 3.12 are the documented versions." }
    Write-Host "Python: $BasePython ($major.$minor, $bits-bit)"

    $wixCommand = Get-Command 'wix' -CommandType Application -ErrorAction SilentlyContinue |
        Select-Object -First 1
    if (-not $wixCommand) {
        throw 'wix not found. Install the .NET SDK 8 and then: dotnet tool install --global wix --version 5.*'
    }
    $Wix = $wixCommand.Source
    $wixVersion = Invoke-Native $Wix @('--version') -Capture
    if ($wixVersion -notmatch '^(\d+)\.') { throw "Unexpected output of wix --version: $wixVersion" }
    if ([int] $Matches[1] -lt 5) { throw "WiX $wixVersion is too old: kim-desktop.wxs needs WiX v5 (<Files> harvesting)." }
    if ([int] $Matches[1] -gt 5) { Write-Warning "WiX $wixVersion: kim-desktop.wxs was written for WiX v5." }
    Write-Host "WiX: $Wix ($wixVersion)"

    $Tool = $null
    if ($CertificateThumbprint) {
        $Tool = Find-SignTool
        Write-Host "signtool: $Tool"
    } else {
        Write-Host 'Signing: skipped (no -CertificateThumbprint).'
    }

    Write-Step 'Virtual environment'
    New-Item -ItemType Directory -Force -Path $BuildDir | Out-Null
    if ((Test-Path $Venv) -and -not $ReuseVenv) { Remove-Item -Recurse -Force -Path $Venv }
    if (-not (Test-Path $VenvPython)) { Invoke-Native $BasePython @('-m', 'venv', $Venv) }
    Invoke-Native $VenvPython @('-m', 'pip', 'install', '--disable-pip-version-check', '--upgrade', 'pip')
    $package = '.'
    if ($RunTests) { $package = '.[test]' }
    Invoke-Native $VenvPython @('-m', 'pip', 'install', '--disable-pip-version-check',
        $package, 'pyinstaller>=6.10,<7')

    if ($RunTests) {
        Write-Step 'Tests'
        $savedPlatform = $env:QT_QPA_PLATFORM
        $env:QT_QPA_PLATFORM = 'offscreen'
        try {
            Invoke-Native $VenvPython @('-m', 'pytest')
        } finally {
            [System.Environment]::SetEnvironmentVariable('QT_QPA_PLATFORM', $savedPlatform)
        }
    }

    Write-Step 'Icon'
    Invoke-Native $VenvPython @('packaging\make_icons.py', 'packaging\build\icons')
    if (-not (Test-Path $IconFile -PathType Leaf)) { throw "make_icons.py wrote no $IconFile" }

    Write-Step 'Frozen program (PyInstaller)'
    Invoke-Native $VenvPython @('-m', 'PyInstaller', '--noconfirm', '--clean', '--log-level', 'WARN',
        '--distpath', $DistRoot, '--workpath', (Join-Path $BuildDir 'pyinstaller'),
        'packaging\kim.spec')
    foreach ($name in @('kim.exe', 'kim-desktop.exe', '_internal')) {
        if (-not (Test-Path (Join-Path $AppDir $name))) { throw "PyInstaller output lacks $AppDir\$name" }
    }

    if ($CertificateThumbprint) {
        Write-Step 'Signing every .exe, .dll and .pyd'
        Invoke-SignAll $AppDir $Tool
    }

    Write-Step 'Smoke test'
    $Kim = Join-Path $AppDir 'kim.exe'
    $printed = Invoke-Native $Kim @('--version') -Capture
    if ($printed -ne "kim $Version") { throw "kim.exe --version printed '$printed', expected 'kim $Version'" }
    Write-Host "kim.exe --version: $printed"
    # Synthetic demo data in a throw-away folder; settings and logs go there too.
    $smoke = Join-Path $BuildDir 'smoke'
    if (Test-Path $smoke) { Remove-Item -Recurse -Force -Path $smoke }
    New-Item -ItemType Directory -Force -Path $smoke | Out-Null
    $saved = @{}
    $smokeEnv = @{
        KIM_DESKTOP_HOME = (Join-Path $smoke 'home')
        KIM_PASSPHRASE = 'smoke test passphrase, not a real one'
        QT_QPA_PLATFORM = 'offscreen'
    }
    foreach ($name in $smokeEnv.Keys) {
        $saved[$name] = [System.Environment]::GetEnvironmentVariable($name)
        [System.Environment]::SetEnvironmentVariable($name, $smokeEnv[$name])
    }
    try {
        $demo = Join-Path $smoke 'demo.kim'
        Invoke-Native $Kim @('demo', $demo) -Capture | Out-Null
        Invoke-Native $Kim @('verify', $demo) -Capture | Out-Null
        Write-Host 'kim.exe demo + verify: ok'
        # kim-desktop.exe is a windowed program: Start-Process waits for it and gives its exit code.
        $gui = Start-Process -FilePath (Join-Path $AppDir 'kim-desktop.exe') `
            -ArgumentList @('--demo', '--quit-after', '1') -PassThru
        $null = $gui.Handle   # without this, ExitCode stays empty after WaitForExit
        if (-not $gui.WaitForExit(180000)) {
            Stop-Process -Id $gui.Id -Force
            throw 'kim-desktop.exe --demo --quit-after 1 did not quit within 3 minutes.'
        }
        if ($gui.ExitCode -ne 0) { throw "kim-desktop.exe --demo --quit-after 1 exited with $($gui.ExitCode)" }
        $log = Join-Path $smokeEnv.KIM_DESKTOP_HOME 'logs\kim-desktop.log'
        if (-not (Test-Path $log) -or -not (Select-String -Path $log -SimpleMatch 'case file unlocked' -Quiet)) {
            throw "kim-desktop.exe --demo wrote no 'case file unlocked' to $log"
        }
        Write-Host 'kim-desktop.exe --demo (offscreen): ok'
    } finally {
        foreach ($name in $saved.Keys) { [System.Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }

    Write-Step 'MSI (WiX)'
    if (Test-Path $Msi) { Remove-Item -Force -Path $Msi }
    $wixArguments = @('build', $Wxs, '-arch', 'x64',
        '-d', "Version=$MsiVersion",
        '-d', "DistDir=$($AppDir.TrimEnd('\'))",
        '-d', "IconFile=$IconFile",
        '-pdb', $Pdb,
        '-o', $Msi)
    if ($HelpUrl) { $wixArguments += @('-d', "HelpUrl=$HelpUrl") }
    Invoke-Native $Wix $wixArguments
    if (-not (Test-Path $Msi -PathType Leaf)) { throw "wix build wrote no $Msi" }

    if (-not $SkipValidation) {
        Write-Step 'ICE validation'
        Invoke-Native $Wix @('msi', 'validate', '-pdb', $Pdb, $Msi)
    }

    $expected = @(Get-ChildItem -Path $AppDir -Recurse -File -Force).Count
    $packaged = Get-MsiFileCount $Msi
    if ($packaged -ne $expected) {
        throw "The MSI holds $packaged files, dist\kim-desktop has $expected."
    }
    Write-Host "MSI holds all $packaged files of dist\kim-desktop."

    if ($CertificateThumbprint) {
        Write-Step 'Signing the MSI'
        Invoke-Sign $Msi $Tool
    }

    Write-Step 'Checksum'
    $hash = (Get-FileHash -Algorithm SHA256 -Path $Msi).Hash.ToLowerInvariant()
    $leaf = Split-Path -Leaf $Msi
    # Same line format as sha256sum: "<hash>  <file name>".
    Set-Content -Path "$Msi.sha256" -Value "$hash  $leaf" -Encoding ascii
    Write-Host "SHA-256 $hash"
    Write-Host ''
    $megabytes = [math]::Round((Get-Item $Msi).Length / 1048576, 1)
    Write-Host "Built $Msi ($megabytes MB)" -ForegroundColor Green
} finally {
    Pop-Location
}
