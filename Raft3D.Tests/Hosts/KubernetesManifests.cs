using System.Globalization;
using k8s;
using k8s.Models;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Hosts;

/// <summary>
/// The objects in <c>deploy/kubernetes/</c>, each read into the Kubernetes client's typed model. Strict: a field
/// the model does not have (a misspelling, a field at the wrong level) or a value of the wrong type fails the
/// load, as an API server's strict field validation would. Enum-like strings and required fields are not checked
/// by the models; the tests check the ones Raft3D depends on.
/// </summary>
internal sealed class KubernetesManifests
{
    /// <summary>kustomize's own file, which is not a Kubernetes object.</summary>
    public const string KustomizationFile = "kustomization.yaml";

    private KubernetesManifests(IReadOnlyList<(string File, IKubernetesObject<V1ObjectMeta> Object)> objects) => Objects = objects;

    public static string Directory { get; } = Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes");

    public IReadOnlyList<(string File, IKubernetesObject<V1ObjectMeta> Object)> Objects { get; }

    public V1StatefulSet StatefulSet => Single<V1StatefulSet>();

    public V1Container Container => StatefulSet.Spec.Template.Spec.Containers.Single();

    public V1Service HeadlessService => Named<V1Service>(StatefulSet.Spec.ServiceName);

    public static IEnumerable<string> ManifestFiles()
        => System.IO.Directory.EnumerateFiles(Directory, "*.yaml").Where(file => Path.GetFileName(file) != KustomizationFile).Order(StringComparer.Ordinal);

    /// <exception cref="YamlDotNet.Core.YamlException">A document has a field its model lacks, or a value of the wrong type.</exception>
    public static KubernetesManifests Load()
        => new([.. ManifestFiles().SelectMany(file => Parse(File.ReadAllText(file)).Select(o => (Path.GetFileName(file), o)))]);

    /// <summary>Every document of a YAML stream, strictly.</summary>
    public static IEnumerable<IKubernetesObject<V1ObjectMeta>> Parse(string yaml)
        => KubernetesYaml.LoadAllFromString(yaml, strict: true).Cast<IKubernetesObject<V1ObjectMeta>>();

    public T Single<T>()
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var found = Objects.Select(o => o.Object).OfType<T>().ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"expected one {typeof(T).Name} in {Directory}");
        return found[0];
    }

    public T Named<T>(string name)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var found = Objects.Select(o => o.Object).OfType<T>().Where(o => o.Metadata.Name == name).ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"expected one {typeof(T).Name} named '{name}' in {Directory}");
        return found[0];
    }

    /// <summary>The container port a probe or Service names, by name or by number.</summary>
    public int ContainerPort(string port)
    {
        var declared = Container.Ports.SingleOrDefault(p => p.Name == port || p.ContainerPort.ToString(CultureInfo.InvariantCulture) == port);
        Assert.That(declared, Is.Not.Null, $"port '{port}' is not one the container declares ({string.Join(", ", Container.Ports.Select(p => $"{p.Name}={p.ContainerPort}"))})");
        return declared!.ContainerPort;
    }

    /// <summary>True when <paramref name="selector"/> picks the StatefulSet's pods.</summary>
    public bool SelectsMembers(IDictionary<string, string> selector)
        => selector.Count > 0 && selector.All(label => StatefulSet.Spec.Template.Metadata.Labels.TryGetValue(label.Key, out var value) && value == label.Value);
}
