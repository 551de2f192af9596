using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Raft3D.Node.Configuration;
using Raft3D.Node.Hosting;
using Raft3D.Node.Security;
using Raft3D.Tests.Infrastructure;
using Raft3D.Tests.Security;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Raft3D.Tests.Hosts;

/// <summary>
/// deploy/kubernetes, checked offline: there is no cluster here, and kubectl's dry runs need an API server even
/// on the client side. What these tests prove: every object has only fields, of the right types, that the
/// Kubernetes client's models (generated from the API's OpenAPI schema) know; the objects fit together the way a
/// Raft cluster needs; and the environment each of the three pods would get configures a node that binds, passes
/// the node's own checks and builds, secrets included. What they cannot: that a cluster admits, schedules, resolves
/// and runs it. The README in deploy/kubernetes says what was and was not run for real.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class KubernetesManifestTests
{
    private const string Namespace = "farm";

    private KubernetesManifests manifests = null!;

    [OneTimeSetUp]
    public void LoadManifests() => manifests = KubernetesManifests.Load();

    [Test]
    public void EveryObjectParsesIntoItsTypedModelWithNoUnknownField()
    {
        foreach (var file in KubernetesManifests.ManifestFiles())
        {
            Assert.That(() => KubernetesManifests.Parse(File.ReadAllText(file)).ToList(), Throws.Nothing, file);
        }

        Assert.That(
            manifests.Objects.Select(o => $"{o.Object.Kind}/{o.Object.Metadata.Name}"),
            Is.EquivalentTo(new[] { "ConfigMap/raft3d-config", "Service/raft3d-peers", "Service/raft3d", "StatefulSet/raft3d", "PodDisruptionBudget/raft3d", "Secret/raft3d-secrets" }));
    }

    /// <summary>The control for the test above: the same files with one field misspelt, or one value of the wrong type, are refused.</summary>
    [TestCase("peers-service.yaml", "publishNotReadyAddresses:", "publishNotReadyAdresses:")]
    [TestCase("statefulset.yaml", "        - name: raft3d\n", "        - name: raft3d\n          readinessProbes: {}\n")]
    [TestCase("statefulset.yaml", "replicas: 3", "replicas: three")]
    public void AMisspeltFieldOrAWrongTypeIsRefused(string file, string from, string to)
    {
        var original = File.ReadAllText(Path.Combine(KubernetesManifests.Directory, file));
        Assert.That(original, Does.Contain(from), "the control must change the file");

        Assert.That(() => KubernetesManifests.Parse(original.Replace(from, to, StringComparison.Ordinal)).ToList(), Throws.InstanceOf<YamlException>());
    }

    [Test]
    public void TheKustomizationAppliesEveryManifestButTheSecretExample()
    {
        var kustomization = new DeserializerBuilder().Build()
            .Deserialize<Dictionary<string, object>>(File.ReadAllText(Path.Combine(KubernetesManifests.Directory, KubernetesManifests.KustomizationFile)));
        var listed = ((List<object>)kustomization["resources"]).Cast<string>();

        // Applying the example would overwrite a farm's real Secret with placeholders.
        Assert.That(listed, Is.EquivalentTo(manifests.Objects.Where(o => o.Object is not V1Secret).Select(o => o.File).Distinct()));
    }

    [Test]
    public async Task KubectlKustomizeRendersTheSameObjectsOffline()
    {
        if (FindOnPath("kubectl") is not { } kubectl)
        {
            Assert.Ignore("kubectl is not installed (Debian: apt-get install -y kubectl, or any release binary); the other manifest checks do not need it.");
            return;
        }

        var (exitCode, output) = await ProcessRunner.RunAsync(kubectl, ["kustomize", KubernetesManifests.Directory], KubernetesManifests.Directory, environment: null, TimeSpan.FromSeconds(60));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(
            KubernetesManifests.Parse(output).Select(o => $"{o.Kind}/{o.Metadata.Name}"),
            Is.EquivalentTo(manifests.Objects.Where(o => o.Object is not V1Secret).Select(o => $"{o.Object.Kind}/{o.Object.Metadata.Name}")));
    }

    [Test]
    public void ThreeMembersStartTogetherBehindAHeadlessServiceThatPublishesThemBeforeTheyAreReady()
    {
        var set = manifests.StatefulSet;
        var peers = manifests.HeadlessService;

        Assert.Multiple(() =>
        {
            Assert.That(peers.Spec.ClusterIP, Is.EqualTo("None"), "the peers' Service must be headless: one DNS name per pod");
            Assert.That(peers.Spec.PublishNotReadyAddresses, Is.True, "members are ready only after an election, which needs their names first");
            Assert.That(set.Spec.Replicas, Is.EqualTo(3));
            Assert.That(set.Spec.PodManagementPolicy, Is.EqualTo("Parallel"), "OrderedReady would wait for raft3d-0 to be ready, which needs a majority");
            Assert.That(set.Spec.Selector.MatchExpressions, Is.Null.Or.Empty);
            Assert.That(manifests.SelectsMembers(set.Spec.Selector.MatchLabels), Is.True, "the StatefulSet's selector must match its pod labels");
            Assert.That(manifests.SelectsMembers(peers.Spec.Selector), Is.True, "the headless Service must select the members");
            Assert.That(
                peers.Spec.Ports.Select(p => manifests.ContainerPort(p.TargetPort?.Value ?? $"{p.Port}")),
                Is.EquivalentTo(manifests.Container.Ports.Select(p => p.ContainerPort)),
                "peers reach each other's API (forwarded writes) and raft ports through the headless Service");
        });
    }

    [Test]
    public void TheClientServiceOffersOnlyTheApiOfReadyMembers()
    {
        var clients = manifests.Objects.Select(o => o.Object).OfType<V1Service>().Where(s => s.Metadata.Name != manifests.HeadlessService.Metadata.Name).ToList();

        Assert.That(clients, Has.Count.EqualTo(1));
        var client = clients[0];
        Assert.Multiple(() =>
        {
            Assert.That(manifests.SelectsMembers(client.Spec.Selector), Is.True);
            Assert.That(client.Spec.ClusterIP, Is.Not.EqualTo("None"));
            Assert.That(client.Spec.PublishNotReadyAddresses, Is.Not.True, "a member without a leader must leave the client Service");
            Assert.That(client.Spec.Ports.Select(p => manifests.ContainerPort(p.TargetPort?.Value ?? $"{p.Port}")), Is.EqualTo(new[] { manifests.ContainerPort("api") }));
        });
    }

    [Test]
    public void EachMembersUrlsNameItsPodThroughTheHeadlessServiceOnTheDeclaredPorts()
    {
        var pods = PodNames();
        var members = pods.Select(pod => Members(PodEnvironment.Of(manifests, pod, Namespace))).ToList();

        for (var i = 0; i < pods.Count; i++)
        {
            var environment = PodEnvironment.Of(manifests, pods[i], Namespace);
            var http = new Uri(environment["Raft3D__HttpUrl"]);
            var raft = new Uri(environment["Raft3D__RaftUrl"]);
            Assert.Multiple(() =>
            {
                Assert.That(environment.Values, Has.None.Contains("$("), "every $(NAME) must name a variable defined before it");
                Assert.That(environment["Raft3D__NodeId"], Is.EqualTo(pods[i]));
                Assert.That(PodHostNames(pods[i]), Does.Contain(http.Host), "HttpUrl must be the pod's name under the headless Service");
                Assert.That(PodHostNames(pods[i]), Does.Contain(raft.Host), "RaftUrl must be the pod's name under the headless Service");
                Assert.That(http.Port, Is.EqualTo(manifests.ContainerPort("api")));
                Assert.That(raft.Port, Is.EqualTo(manifests.ContainerPort("raft")));
                Assert.That(members[i], Is.EqualTo(members[0]), $"{pods[i]} must get the same member list as {pods[0]}");
            });
        }

        // A member's raft URL is its identity: each entry must be exactly what that member calls itself.
        Assert.That(members[0].Select(m => m.Id), Is.EqualTo(pods));
        foreach (var member in members[0])
        {
            var own = PodEnvironment.Of(manifests, member.Id, Namespace);
            Assert.That(Raft3DOptionsValidator.UrlsEqual(member.Raft, own["Raft3D__RaftUrl"]), Is.True, $"{member.Id}: member raft URL {member.Raft} vs its own RaftUrl {own["Raft3D__RaftUrl"]}");
            Assert.That(Raft3DOptionsValidator.UrlsEqual(member.Http, own["Raft3D__HttpUrl"]), Is.True, $"{member.Id}: member API URL {member.Http} vs its own HttpUrl {own["Raft3D__HttpUrl"]}");
        }
    }

    [Test]
    public void ProbesAskTheApiPortForReadinessAndHealth()
    {
        var container = manifests.Container;

        Assert.Multiple(() =>
        {
            Assert.That(container.ReadinessProbe?.HttpGet?.Path, Is.EqualTo("/readyz"));
            Assert.That(manifests.ContainerPort(container.ReadinessProbe!.HttpGet.Port.Value), Is.EqualTo(manifests.ContainerPort("api")));

            // Liveness on /readyz would restart every member whenever the majority is lost, which only makes it worse.
            Assert.That(container.LivenessProbe?.HttpGet?.Path, Is.EqualTo("/healthz"));
            Assert.That(manifests.ContainerPort(container.LivenessProbe!.HttpGet.Port.Value), Is.EqualTo(manifests.ContainerPort("api")));
            Assert.That(
                (container.LivenessProbe.PeriodSeconds ?? 10) * (container.LivenessProbe.FailureThreshold ?? 3),
                Is.GreaterThanOrEqualTo(30),
                "liveness must be generous: a node busy with a snapshot is not a dead one");
            if (container.StartupProbe is { } startup)
            {
                Assert.That(startup.HttpGet?.Path, Is.EqualTo("/healthz"));
                Assert.That(manifests.ContainerPort(startup.HttpGet!.Port.Value), Is.EqualTo(manifests.ContainerPort("api")));
            }
        });
    }

    [Test]
    public void EachMemberKeepsItsDataOnAClaimOfItsOwnAtTheDataDirectory()
    {
        var set = manifests.StatefulSet;
        var environment = PodEnvironment.Of(manifests, PodNames()[0], Namespace);
        var mount = manifests.Container.VolumeMounts.SingleOrDefault(m => m.MountPath == environment["Raft3D__DataDirectory"]);

        Assert.That(mount, Is.Not.Null, $"nothing is mounted at Raft3D__DataDirectory {environment["Raft3D__DataDirectory"]}");
        var claim = set.Spec.VolumeClaimTemplates.SingleOrDefault(t => t.Metadata.Name == mount!.Name);
        Assert.Multiple(() =>
        {
            Assert.That(claim, Is.Not.Null, $"the data directory's volume '{mount!.Name}' must come from volumeClaimTemplates: a claim per member");
            Assert.That(claim?.Spec.AccessModes, Is.EqualTo(new[] { "ReadWriteOnce" }));
            Assert.That(claim?.Spec.Resources?.Requests?.ContainsKey("storage"), Is.True);
            Assert.That(mount!.ReadOnlyProperty, Is.Not.True);
            Assert.That(mount.SubPath, Is.Null);
            Assert.That(set.Spec.Template.Spec.Volumes?.Select(v => v.Name), Has.None.EqualTo(mount.Name), "a pod volume of the same name would not be the claim");
            Assert.That(set.Spec.PersistentVolumeClaimRetentionPolicy?.WhenScaled ?? "Retain", Is.EqualTo("Retain"), "a scale-down must not delete a member's log");
            Assert.That(set.Spec.PersistentVolumeClaimRetentionPolicy?.WhenDeleted ?? "Retain", Is.EqualTo("Retain"));
        });
    }

    [Test]
    public void ThePodDisruptionBudgetLetsOneMemberGoAtATime()
    {
        var budget = manifests.Single<V1PodDisruptionBudget>();

        Assert.Multiple(() =>
        {
            Assert.That(budget.Spec.MaxUnavailable?.Value, Is.EqualTo("1"));
            Assert.That(budget.Spec.MinAvailable, Is.Null);
            Assert.That(budget.Spec.Selector.MatchExpressions, Is.Null.Or.Empty);
            Assert.That(manifests.SelectsMembers(budget.Spec.Selector.MatchLabels), Is.True);
        });
    }

    [Test]
    public void TokensAndTheClusterSecretAreFilesOfTheSecretMountedReadOnly()
    {
        var environment = PodEnvironment.Of(manifests, PodNames()[0], Namespace);
        var secret = manifests.Single<V1Secret>();

        foreach (var key in new[] { "Raft3D__Security__TokensFile", "Raft3D__Security__ClusterSecretFile" })
        {
            var file = environment[key];
            var mount = manifests.Container.VolumeMounts.SingleOrDefault(m => m.MountPath == Path.GetDirectoryName(file));
            Assert.That(mount, Is.Not.Null, $"{key} {file}: nothing is mounted at its folder");
            var volume = manifests.StatefulSet.Spec.Template.Spec.Volumes.Single(v => v.Name == mount!.Name);
            Assert.Multiple(() =>
            {
                Assert.That(mount!.ReadOnlyProperty, Is.True, $"{key}: mount read-only");
                Assert.That(volume.Secret?.SecretName, Is.EqualTo(secret.Metadata.Name), $"{key}: from the Secret");
                Assert.That(SecretFiles(secret).Keys, Does.Contain(Path.GetFileName(file)), $"{key}: the Secret must hold {Path.GetFileName(file)}");
            });
        }

        // In the environment they would show in kubectl describe and in every crash dump.
        Assert.That(environment.Keys, Has.None.StartsWith("Raft3D__Security__Tokens__").And.None.EqualTo("Raft3D__Security__ClusterSecret"));
    }

    [Test]
    public void ThePodRunsAsTheImagesNonRootUser()
    {
        var pod = manifests.StatefulSet.Spec.Template.Spec;
        var container = manifests.Container;

        Assert.Multiple(() =>
        {
            Assert.That(pod.SecurityContext?.RunAsNonRoot, Is.True);
            Assert.That(pod.SecurityContext?.RunAsUser, Is.EqualTo(10001));
            Assert.That(pod.SecurityContext?.RunAsGroup, Is.EqualTo(10001));
            Assert.That(pod.SecurityContext?.FsGroup, Is.EqualTo(10001), "the data volume must be writable by the image's group");
            Assert.That(container.SecurityContext?.AllowPrivilegeEscalation, Is.False);
            Assert.That(container.SecurityContext?.Capabilities?.Drop, Does.Contain("ALL"));
            if (container.SecurityContext?.ReadOnlyRootFilesystem == true)
            {
                Assert.That(container.VolumeMounts.Select(m => m.MountPath), Does.Contain("/tmp"), "a read-only root needs a writable /tmp for the .NET runtime");
            }
        });
    }

    [Test]
    public void MemoryIsLimitedButCpuIsNot()
    {
        var resources = manifests.Container.Resources;

        Assert.That(resources?.Requests?.Keys, Is.EquivalentTo(new[] { "cpu", "memory" }), "requests place members on machines that can hold them");
        Assert.That(resources?.Limits?.Keys, Is.EquivalentTo(new[] { "memory" }), "a CPU limit throttles a leader's heartbeats into needless elections");
    }

    [Test]
    public void EverySettingInEachPodsEnvironmentIsARaft3DOptionAndPassesTheNodesValidator()
    {
        foreach (var pod in PodNames())
        {
            var configuration = Configuration(PodEnvironment.Of(manifests, pod, Namespace));

            var options = configuration.GetSection(Raft3DOptions.SectionName).Get<Raft3DOptions>(binder => binder.ErrorOnUnknownConfiguration = true)!;

            Assert.That(() => Raft3DOptionsValidator.Validate(options), Throws.Nothing, pod);
            Assert.That(options.NodeId, Is.EqualTo(pod));
        }
    }

    /// <summary>The control for the test above: a misspelt key, which the node itself would ignore, is caught.</summary>
    [Test]
    public void AMisspeltSettingIsCaught()
    {
        var environment = PodEnvironment.Of(manifests, PodNames()[0], Namespace);
        environment["Raft3D__Security__TokenFile"] = environment["Raft3D__Security__TokensFile"];

        Assert.That(
            () => Configuration(environment).GetSection(Raft3DOptions.SectionName).Get<Raft3DOptions>(binder => binder.ErrorOnUnknownConfiguration = true),
            Throws.InvalidOperationException.With.Message.Contains("TokenFile"));
    }

    /// <summary>
    /// A pod's environment, with the volumes' mount paths moved into a temporary folder and the Secret's placeholders
    /// replaced by real values, builds a node (everything short of listening): configuration, protected mode with the
    /// mounted token file and cluster secret, the data directory. One pod: the others differ only in what the test
    /// above validates, and a build costs seconds.
    /// </summary>
    [Test]
    public async Task APodsEnvironmentBuildsANodeWithTheSecretsItMounts()
    {
        var pod = PodNames()[0];
        var root = Directory.CreateTempSubdirectory("raft3d-kubernetes-").FullName;
        try
        {
            var environment = WithVolumesUnder(root, PodEnvironment.Of(manifests, pod, Namespace), realSecrets: true);
            var args = environment.Where(e => e.Key.StartsWith(Raft3DOptions.SectionName + "__", StringComparison.Ordinal))
                .Select(e => $"--{ConfigurationKey(e.Key)}={e.Value}")
                .ToArray();

            await using var app = await NodeApplication.BuildAsync(args, contentRoot: RepositoryRoot.Path);

            Assert.That(app.Services.GetRequiredService<Raft3DOptions>().NodeId, Is.EqualTo(pod));
            Assert.That(app.Services.GetRequiredService<ApiTokenRegistry>().IsEnabled, Is.True, "tokens from the mounted file");
            Assert.That(app.Services.GetService<ClusterProof>(), Is.Not.Null, "the cluster secret from the mounted file");
            Assert.That(Directory.EnumerateFileSystemEntries(environment["Raft3D__DataDirectory"]), Is.Not.Empty, "the node prepares its data directory on the claim");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The example Secret is a template: applied unchanged, it must stop a node, not run one with a published secret.</summary>
    [Test]
    public void TheExampleSecretAsShippedStopsANode()
    {
        var root = Directory.CreateTempSubdirectory("raft3d-kubernetes-").FullName;
        try
        {
            var environment = WithVolumesUnder(root, PodEnvironment.Of(manifests, PodNames()[0], Namespace), realSecrets: false);
            var options = new Raft3DOptions { NodeId = PodNames()[0] };
            options.Security.TokensFile = environment["Raft3D__Security__TokensFile"];
            options.Security.ClusterSecretFile = environment["Raft3D__Security__ClusterSecretFile"];

            Assert.That(() => ApiTokenRegistry.Load(options.Security), Throws.TypeOf<InvalidConfigurationException>().With.Message.Contains("Sha256"));
            Assert.That(() => ClusterProof.Load(options), Throws.TypeOf<InvalidConfigurationException>().With.Message.Contains("at least 32"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string ConfigurationKey(string environmentVariable) => environmentVariable.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);

    /// <summary>The environment as .NET's environment-variable provider reads it: a double underscore separates sections.</summary>
    private static IConfiguration Configuration(Dictionary<string, string> environment)
        => new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(ConfigurationKey(e.Key), (string?)e.Value)))
            .Build();

    private static List<(string Id, string Raft, string Http)> Members(Dictionary<string, string> environment)
    {
        var members = new List<(string, string, string)>();
        for (var i = 0; environment.TryGetValue($"Raft3D__Members__{i}__Id", out var id); i++)
        {
            members.Add((id, environment[$"Raft3D__Members__{i}__Raft"], environment[$"Raft3D__Members__{i}__Http"]));
        }

        return members;
    }

    private static Dictionary<string, string> SecretFiles(V1Secret secret)
    {
        var files = (secret.Data ?? new Dictionary<string, byte[]>()).ToDictionary(d => d.Key, d => Encoding.UTF8.GetString(d.Value));
        foreach (var (key, value) in secret.StringData ?? new Dictionary<string, string>())
        {
            files[key] = value;
        }

        return files;
    }

    private static string? FindOnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    /// <summary>The DNS names a pod of the StatefulSet gets through its headless Service, short and fully qualified.</summary>
    private List<string> PodHostNames(string pod)
    {
        var service = manifests.StatefulSet.Spec.ServiceName;
        return [$"{pod}.{service}", $"{pod}.{service}.{Namespace}", $"{pod}.{service}.{Namespace}.svc", $"{pod}.{service}.{Namespace}.svc.cluster.local"];
    }

    private List<string> PodNames()
        => [.. Enumerable.Range(0, manifests.StatefulSet.Spec.Replicas ?? 1).Select(i => $"{manifests.StatefulSet.Metadata.Name}-{i}")];

    /// <summary>
    /// The pod's environment with each volume's mount path moved under <paramref name="root"/>, and the Secret's files
    /// written there as the kubelet would; with <paramref name="realSecrets"/>, its placeholders replaced by a valid
    /// token hash and cluster secret.
    /// </summary>
    private Dictionary<string, string> WithVolumesUnder(string root, Dictionary<string, string> environment, bool realSecrets)
    {
        var moved = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        foreach (var mount in manifests.Container.VolumeMounts)
        {
            var local = Path.Combine(root, mount.Name);
            Directory.CreateDirectory(local);
            foreach (var (key, value) in environment)
            {
                if (value == mount.MountPath || value.StartsWith(mount.MountPath + "/", StringComparison.Ordinal))
                {
                    moved[key] = local + value[mount.MountPath.Length..];
                }
            }

            var volume = manifests.StatefulSet.Spec.Template.Spec.Volumes?.SingleOrDefault(v => v.Name == mount.Name);
            if (volume?.Secret is { } secretVolume)
            {
                foreach (var (file, content) in SecretFiles(manifests.Named<V1Secret>(secretVolume.SecretName)))
                {
                    var path = Path.Combine(local, file);
                    File.WriteAllText(path, realSecrets ? RealSecret(path, content, moved) : content);
                }
            }
        }

        return moved;
    }

    private static string RealSecret(string path, string content, Dictionary<string, string> environment)
    {
        if (path == environment["Raft3D__Security__TokensFile"])
        {
            return Regex.Replace(content, "\"sha256\"\\s*:\\s*\"[^\"]*\"", $"\"sha256\": \"{TestTokens.Sha256Hex(TestTokens.NewToken())}\"");
        }

        return path == environment["Raft3D__Security__ClusterSecretFile"] ? new TestTokens().ClusterSecret : content;
    }
}
