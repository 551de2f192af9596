#!/usr/bin/env pwsh
<#
.SYNOPSIS
  Starts, stops or reports on a local three-node Raft3D cluster (the PowerShell twin of run-cluster.sh).
.DESCRIPTION
  ./run-cluster.ps1 [start|stop|status]   (default: start)
  ./run-cluster.ps1 add-node N             start node N (e.g. 4) and join it to the running cluster
  ./run-cluster.ps1 remove-node N          remove node N from the cluster, then stop it
  Nodes node1..node3: API on 127.0.0.1:8080-8082, Raft on 9090-9092,
  data under data/nodeN, logs under logs/nodeN.log, pids under .run/,
  all relative to $env:RAFT3D_HOME (default: this folder).
#>
param(
    [ValidateSet('start', 'stop', 'status', 'add-node', 'remove-node')][string]$Command = 'start',
    [ValidateRange(1, 9)][int]$Node = 0
)

$ErrorActionPreference = 'Stop'
$Root = $PSScriptRoot
$HomeDir = if ($env:RAFT3D_HOME) { $env:RAFT3D_HOME } else { $Root }
$RunDir = Join-Path $HomeDir '.run'
$NodeDll = Join-Path $Root 'Raft3D.Node/bin/Release/net10.0/Raft3D.Node.dll'
$HostAddress = '127.0.0.1'
$Nodes = 1..3

function ApiPort([int]$i) { 8079 + $i }
function RaftPort([int]$i) { 9089 + $i }

function Test-OurProcess([int]$ProcessId) {
    $process = Get-Process -Id $ProcessId -ErrorAction SilentlyContinue
    return $null -ne $process -and "$($process.CommandLine)" -like '*Raft3D.Node.dll*'
}

function Get-Json([int]$Port, [string]$Path) {
    try { return Invoke-RestMethod -Uri "http://${HostAddress}:$Port$Path" -TimeoutSec 2 }
    catch { return $null }
}

# Node i's whole command line, built in this one place (the tests and the bench build the same one with
# Raft3D.Node's NodeCommandLine).
function Get-NodeArguments([int]$i, [bool]$Join) {
    $arguments = @(
        "--Raft3D:NodeId=node$i",
        "--Raft3D:HttpUrl=http://${HostAddress}:$(ApiPort $i)",
        "--Raft3D:RaftUrl=http://${HostAddress}:$(RaftPort $i)/",
        "--Raft3D:DataDirectory=$(Join-Path $HomeDir "data/node$i")",
        "--Raft3D:Logging:FilePath=$(Join-Path $HomeDir "logs/node$i.log")",
        "--Raft3D:Join=$($Join.ToString().ToLowerInvariant())"
    )
    foreach ($m in $Nodes) {
        $arguments += "--Raft3D:Members:$($m - 1):Id=node$m"
        $arguments += "--Raft3D:Members:$($m - 1):Raft=http://${HostAddress}:$(RaftPort $m)/"
        $arguments += "--Raft3D:Members:$($m - 1):Http=http://${HostAddress}:$(ApiPort $m)"
    }
    return $arguments
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
    Write-Output "node$i started (pid $($process.Id)): API http://${HostAddress}:$(ApiPort $i), raft http://${HostAddress}:$(RaftPort $i)/"
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
        Invoke-Build
        Start-Node $Node $true
        $deadline = (Get-Date).AddSeconds(60)
        while ((Get-Date) -lt $deadline) {
            $status = Get-Json (Get-MemberPort) '/cluster/status'
            if ($null -ne $status -and ($status.members | Where-Object { $_.id -eq "node$Node" })) {
                Write-Output "node$Node joined: API http://${HostAddress}:$(ApiPort $Node)/swagger"
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
                Invoke-RestMethod -Method Delete -Uri "http://${HostAddress}:$(Get-MemberPort)/cluster/members/node$Node" -TimeoutSec 60 | Out-Null
                break
            }
            catch {
                if ($attempt -ge 5 -or $_.Exception.Response.StatusCode -ne 503) { throw }
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
        Invoke-Build
        foreach ($i in $Nodes) { Start-Node $i }
        Wait-ForLeader
        foreach ($i in $Nodes) {
            Write-Output "node${i}: dashboard http://${HostAddress}:$(ApiPort $i)/   Swagger http://${HostAddress}:$(ApiPort $i)/swagger   status http://${HostAddress}:$(ApiPort $i)/cluster/status"
        }
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
