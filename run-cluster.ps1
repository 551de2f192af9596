#!/usr/bin/env pwsh
<#
.SYNOPSIS
  Starts, stops or reports on a local three-node Raft3D cluster (the PowerShell twin of run-cluster.sh).
.DESCRIPTION
  ./run-cluster.ps1 [start|stop|status]   (default: start)
  ./run-cluster.ps1 add-node N             start node N (e.g. 4) and join it to the running cluster
  ./run-cluster.ps1 remove-node N          remove node N from the cluster, then stop it
  ./run-cluster.ps1 start -Tls             the same cluster over https, API and raft (mutual TLS between nodes),
                                           with a local CA and node certificates made by openssl in data/tls/
  Nodes node1..node3: API on 127.0.0.1:8080-8082, Raft on 9090-9092 (node1's ports: $env:RAFT3D_API_PORT and
  $env:RAFT3D_RAFT_PORT), data under data/nodeN, logs under logs/nodeN.log, pids under .run/,
  all relative to $env:RAFT3D_HOME (default: this folder).
#>
param(
    [ValidateSet('start', 'stop', 'status', 'add-node', 'remove-node')][string]$Command = 'start',
    [ValidateRange(1, 9)][int]$Node = 0,
    [switch]$Tls
)

$ErrorActionPreference = 'Stop'
$Root = $PSScriptRoot
$HomeDir = if ($env:RAFT3D_HOME) { $env:RAFT3D_HOME } else { $Root }
$RunDir = Join-Path $HomeDir '.run'
$NodeDll = Join-Path $Root 'Raft3D.Node/bin/Release/net10.0/Raft3D.Node.dll'
$HostAddress = '127.0.0.1'
$Nodes = 1..3
$FirstApiPort = if ($env:RAFT3D_API_PORT) { [int]$env:RAFT3D_API_PORT } else { 8080 }
$FirstRaftPort = if ($env:RAFT3D_RAFT_PORT) { [int]$env:RAFT3D_RAFT_PORT } else { 9090 }

# A TLS cluster keeps its CA and node certificates here; their presence is what makes status, add-node and
# remove-node speak https to it.
$TlsDir = Join-Path $HomeDir 'data/tls'
$CaFile = Join-Path $TlsDir 'ca.crt'
$UseTls = Test-Path $CaFile
$Scheme = if ($UseTls) { 'https' } else { 'http' }
$script:TlsClient = $null

function ApiPort([int]$i) { $FirstApiPort - 1 + $i }
function RaftPort([int]$i) { $FirstRaftPort - 1 + $i }

function Test-OurProcess([int]$ProcessId) {
    $process = Get-Process -Id $ProcessId -ErrorAction SilentlyContinue
    return $null -ne $process -and "$($process.CommandLine)" -like '*Raft3D.Node.dll*'
}

function Get-Json([int]$Port, [string]$Path) {
    if ($UseTls) { return Invoke-Tls 'GET' $Port $Path 2 }
    try { return Invoke-RestMethod -Uri "http://${HostAddress}:$Port$Path" -TimeoutSec 2 }
    catch { return $null }
}

# Invoke-RestMethod can only trust the OS's roots or none, so a TLS cluster is spoken to with an HttpClient
# that trusts the cluster's CA and nothing else, the address still checked against the certificate.
function Invoke-Tls([string]$Method, [int]$Port, [string]$Path, [int]$TimeoutSec, [switch]$Throw) {
    if ($null -eq $script:TlsClient) {
        $policy = [System.Security.Cryptography.X509Certificates.X509ChainPolicy]::new()
        $policy.TrustMode = [System.Security.Cryptography.X509Certificates.X509ChainTrustMode]::CustomRootTrust
        $policy.RevocationMode = [System.Security.Cryptography.X509Certificates.X509RevocationMode]::NoCheck
        $policy.CustomTrustStore.ImportFromPemFile($CaFile)
        $handler = [System.Net.Http.SocketsHttpHandler]::new()
        $handler.SslOptions.CertificateChainPolicy = $policy
        $script:TlsClient = [System.Net.Http.HttpClient]::new($handler)
    }
    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), "https://${HostAddress}:$Port$Path")
    $cancel = [System.Threading.CancellationTokenSource]::new([TimeSpan]::FromSeconds($TimeoutSec))
    try {
        $response = $script:TlsClient.SendAsync($request, $cancel.Token).GetAwaiter().GetResult()
        $body = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        if (-not $response.IsSuccessStatusCode) {
            if ($Throw) { throw "HTTP $([int]$response.StatusCode): $body" }
            return $null
        }
        return $body | ConvertFrom-Json
    }
    catch {
        if ($Throw) { throw }
        return $null
    }
}

# Node i's whole command line, built in this one place (the tests and the bench build the same one with
# Raft3D.Node's NodeCommandLine).
function Get-NodeArguments([int]$i, [bool]$Join) {
    $arguments = @(
        "--Raft3D:NodeId=node$i",
        "--Raft3D:HttpUrl=${Scheme}://${HostAddress}:$(ApiPort $i)",
        "--Raft3D:RaftUrl=${Scheme}://${HostAddress}:$(RaftPort $i)/",
        "--Raft3D:DataDirectory=$(Join-Path $HomeDir "data/node$i")",
        "--Raft3D:Logging:FilePath=$(Join-Path $HomeDir "logs/node$i.log")",
        "--Raft3D:Join=$($Join.ToString().ToLowerInvariant())"
    )
    foreach ($m in $Nodes) {
        $arguments += "--Raft3D:Members:$($m - 1):Id=node$m"
        $arguments += "--Raft3D:Members:$($m - 1):Raft=${Scheme}://${HostAddress}:$(RaftPort $m)/"
        $arguments += "--Raft3D:Members:$($m - 1):Http=${Scheme}://${HostAddress}:$(ApiPort $m)"
    }
    if ($UseTls) {
        $arguments += "--Raft3D:Security:Tls:CertificateFile=$(Join-Path $TlsDir "node$i.crt")"
        $arguments += "--Raft3D:Security:Tls:KeyFile=$(Join-Path $TlsDir "node$i.key")"
        $arguments += "--Raft3D:Security:Tls:CaFile=$CaFile"
        $arguments += '--Raft3D:Security:Tls:RequireClientCertificate=true'
    }
    return $arguments
}

function Invoke-OpenSsl([string[]]$Arguments) {
    & openssl @Arguments *>> (Join-Path $TlsDir 'openssl.log')
    if ($LASTEXITCODE -ne 0) { Get-Content (Join-Path $TlsDir 'openssl.log'); throw "openssl $($Arguments[0]) failed" }
}

# The demo's CA, made once per data folder and kept, so a restarted cluster is trusted where it was before.
function Initialize-CertificateAuthority {
    if (-not (Get-Command openssl -ErrorAction SilentlyContinue)) {
        throw '-Tls needs openssl; on Debian or Ubuntu: sudo apt-get install -y openssl (on Windows it comes with Git for Windows)'
    }
    New-Item -ItemType Directory -Force -Path $TlsDir | Out-Null
    if (Test-Path $CaFile) { return }
    Invoke-OpenSsl @('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-sha256', '-days', '3650',
        '-subj', '/CN=Raft3D local CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
        '-keyout', (Join-Path $TlsDir 'ca.key'), '-out', "$CaFile.tmp")
    Move-Item "$CaFile.tmp" $CaFile
    Write-Output "created a local CA: $CaFile"
}

# Node i's certificate, issued by the CA for the addresses clients and peers use (127.0.0.1, localhost), for
# serving (serverAuth) and for proving itself to peers over mutual TLS (clientAuth).
function Initialize-NodeCertificate([int]$i) {
    $key = Join-Path $TlsDir "node$i.key"
    $crt = Join-Path $TlsDir "node$i.crt"
    if ((Test-Path $crt) -and (Test-Path $key)) { return }
    $ext = Join-Path $TlsDir 'node.ext'
    Set-Content -Path $ext -Value @('subjectAltName=IP:127.0.0.1,DNS:localhost', 'extendedKeyUsage=serverAuth,clientAuth',
        'keyUsage=critical,digitalSignature', 'basicConstraints=critical,CA:FALSE')
    $csr = Join-Path $TlsDir "node$i.csr"
    Invoke-OpenSsl @('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', "/CN=node$i", '-keyout', $key, '-out', $csr)
    Invoke-OpenSsl @('x509', '-req', '-in', $csr, '-CA', $CaFile, '-CAkey', (Join-Path $TlsDir 'ca.key'), '-CAcreateserial',
        '-days', '825', '-sha256', '-extfile', $ext, '-out', $crt)
    Remove-Item $csr
}

function Write-TrustHelp {
    $first = "https://${HostAddress}:$(ApiPort 1)"
    Write-Output "TLS: every node's certificate is issued by the local CA $CaFile (made for this demo; keep ca.key private)."
    Write-Output 'Trust it, and only for this cluster:'
    Write-Output "  curl:  curl --cacert $CaFile $first/cluster/status"
    Write-Output "  CLI:   ./raft3d --cacert $CaFile --nodes $first,https://${HostAddress}:$(ApiPort 2),https://${HostAddress}:$(ApiPort 3) cluster status"
    Write-Output "  OS:    Linux: sudo cp $CaFile /usr/local/share/ca-certificates/raft3d-local-ca.crt && sudo update-ca-certificates"
    Write-Output "         Windows: Import-Certificate -FilePath $CaFile -CertStoreLocation Cert:\CurrentUser\Root"
}

function Start-Node([int]$i, [bool]$Join = $false) {
    $pidFile = Join-Path $RunDir "node$i.pid"
    if ((Test-Path $pidFile) -and (Test-OurProcess ([int](Get-Content $pidFile)))) {
        Write-Output "node$i already running (pid $(Get-Content $pidFile))"
        return
    }
    $data = Join-Path $HomeDir "data/node$i"
    $logs = Join-Path $HomeDir 'logs'
    New-Item -ItemType Directory -Force -Path $data, $logs | Out-Null
    $arguments = @($NodeDll) + (Get-NodeArguments $i $Join)
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru `
        -RedirectStandardOutput (Join-Path $logs "node$i.out.log") -RedirectStandardError (Join-Path $logs "node$i.err.log")
    Set-Content -Path $pidFile -Value $process.Id
    Write-Output "node$i started (pid $($process.Id)): API ${Scheme}://${HostAddress}:$(ApiPort $i), raft ${Scheme}://${HostAddress}:$(RaftPort $i)/"
}

function Wait-ForLeader {
    $deadline = (Get-Date).AddSeconds(60)
    while ((Get-Date) -lt $deadline) {
        foreach ($i in $Nodes) {
            $leader = Get-Json (ApiPort $i) '/cluster/leader'
            if ($null -ne $leader -and $leader.leader_id) {
                Write-Output "leader elected: $($leader.leader_id)"
                return
            }
        }
        Start-Sleep -Milliseconds 500
    }
    throw 'no leader after 60 s; see logs/node*.log'
}

function Invoke-Build {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) { throw 'dotnet is not on PATH; install the .NET 10 SDK' }
    New-Item -ItemType Directory -Force -Path $RunDir | Out-Null
    Write-Output 'building (Release)...'
    & dotnet build (Join-Path $Root 'Raft3D.Node/Raft3D.Node.csproj') -c Release -nologo -v quiet *> (Join-Path $RunDir 'build.log')
    if ($LASTEXITCODE -ne 0) { Get-Content (Join-Path $RunDir 'build.log'); exit 1 }
}

# The API port of the first of node1..node3 that answers.
function Get-MemberPort {
    foreach ($i in $Nodes) {
        if ($null -ne (Get-Json (ApiPort $i) '/healthz')) { return (ApiPort $i) }
    }
    throw 'no node answers; cannot change membership'
}

switch ($Command) {
    'add-node' {
        if ($Node -eq 0) { throw 'usage: ./run-cluster.ps1 add-node N' }
        if ($UseTls) { Initialize-NodeCertificate $Node }
        Invoke-Build
        Start-Node $Node $true
        $deadline = (Get-Date).AddSeconds(60)
        while ((Get-Date) -lt $deadline) {
            $status = Get-Json (Get-MemberPort) '/cluster/status'
            if ($null -ne $status -and ($status.members | Where-Object { $_.id -eq "node$Node" })) {
                Write-Output "node$Node joined: API ${Scheme}://${HostAddress}:$(ApiPort $Node)/swagger"
                return
            }
            Start-Sleep -Milliseconds 500
        }
        throw "node$Node did not join within 60 s; see logs/node$Node.log"
    }
    'remove-node' {
        if ($Node -eq 0) { throw 'usage: ./run-cluster.ps1 remove-node N' }
        # 503 means an election is under way (removing the leader makes it step down first): retry.
        for ($attempt = 1; ; $attempt++) {
            try {
                if ($UseTls) { Invoke-Tls 'DELETE' (Get-MemberPort) "/cluster/members/node$Node" 60 -Throw | Out-Null }
                else { Invoke-RestMethod -Method Delete -Uri "http://${HostAddress}:$(Get-MemberPort)/cluster/members/node$Node" -TimeoutSec 60 | Out-Null }
                break
            }
            catch {
                $unavailable = $_.Exception.Response.StatusCode -eq 503 -or "$($_.Exception.Message)" -like 'HTTP 503:*'
                if ($attempt -ge 5 -or -not $unavailable) { throw }
                Start-Sleep -Seconds 1
            }
        }
        Write-Output "removed node$Node from the cluster"
        $pidFile = Join-Path $RunDir "node$Node.pid"
        if ((Test-Path $pidFile) -and (Test-OurProcess ([int](Get-Content $pidFile)))) {
            Stop-Process -Id ([int](Get-Content $pidFile))
            Write-Output "stopped node$Node (pid $(Get-Content $pidFile))"
        }
        Remove-Item $pidFile -ErrorAction SilentlyContinue
    }
    'start' {
        # A data folder remembers its members' URLs, http or https; starting it the other way would leave peers
        # knocking on the wrong scheme.
        if ($UseTls -and -not $Tls) { throw "$HomeDir/data holds a TLS cluster; start it with -Tls (or remove $HomeDir/data for a new cluster)" }
        if ($Tls -and -not $UseTls -and (Test-Path (Join-Path $HomeDir 'data/node1'))) {
            throw "$HomeDir/data holds a cluster started without -Tls; start it that way (or remove $HomeDir/data for a new cluster)"
        }
        if ($Tls) {
            Initialize-CertificateAuthority
            $UseTls = $true
            $Scheme = 'https'
            foreach ($i in $Nodes) { Initialize-NodeCertificate $i }
        }
        Invoke-Build
        foreach ($i in $Nodes) { Start-Node $i }
        Wait-ForLeader
        foreach ($i in $Nodes) {
            Write-Output "node${i}: dashboard ${Scheme}://${HostAddress}:$(ApiPort $i)/   Swagger ${Scheme}://${HostAddress}:$(ApiPort $i)/swagger   status ${Scheme}://${HostAddress}:$(ApiPort $i)/cluster/status"
        }
        if ($UseTls) { Write-TrustHelp }
    }
    'stop' {
        foreach ($pidFile in Get-ChildItem -Path $RunDir -Filter 'node*.pid' -ErrorAction SilentlyContinue) {
            $processId = [int](Get-Content $pidFile.FullName)
            if (Test-OurProcess $processId) {
                Stop-Process -Id $processId
                Write-Output "stopped $($pidFile.BaseName) (pid $processId)"
            }
            Remove-Item $pidFile.FullName
        }
    }
    'status' {
        $ids = @($Nodes) + @(Get-ChildItem -Path $RunDir -Filter 'node*.pid' -ErrorAction SilentlyContinue | ForEach-Object { [int]($_.BaseName -replace 'node', '') })
        foreach ($i in ($ids | Sort-Object -Unique)) {
            $pidFile = Join-Path $RunDir "node$i.pid"
            $state = 'stopped'
            if ((Test-Path $pidFile) -and (Test-OurProcess ([int](Get-Content $pidFile)))) { $state = "running (pid $(Get-Content $pidFile))" }
            $status = Get-Json (ApiPort $i) '/cluster/status'
            if ($null -ne $status) {
                Write-Output "node${i}: $state role=$($status.role) term=$($status.term) leader=$($status.leader_id) commit=$($status.commit_index)"
            }
            else {
                Write-Output "node${i}: $state (API not answering)"
            }
        }
    }
}
