using System.Text.RegularExpressions;
using k8s.Models;

namespace Raft3D.Tests.Hosts;

/// <summary>
/// The environment the kubelet would give the StatefulSet's container in one pod: the keys of each ConfigMap in
/// <c>envFrom</c>, then <c>env</c> in order (a later entry wins), with <c>fieldRef</c> values taken from the pod
/// and <c>$(NAME)</c> expanded from the variables defined before it (<c>$$</c> is a literal <c>$</c>; an unknown
/// name stays as written). Only what the manifests use is modelled; anything else fails the test that needs it.
/// </summary>
internal static partial class PodEnvironment
{
    public static Dictionary<string, string> Of(KubernetesManifests manifests, string podName, string podNamespace)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in manifests.Container.EnvFrom ?? [])
        {
            Assert.That(source.ConfigMapRef, Is.Not.Null, "only envFrom configMapRef is modelled by this check");
            foreach (var (key, value) in manifests.Named<V1ConfigMap>(source.ConfigMapRef.Name).Data)
            {
                environment[(source.Prefix ?? string.Empty) + key] = value;
            }
        }

        foreach (var variable in manifests.Container.Env ?? [])
        {
            environment[variable.Name] = variable.ValueFrom is null
                ? Expand(variable.Value ?? string.Empty, environment)
                : FieldOf(variable, podName, podNamespace);
        }

        return environment;
    }

    private static string FieldOf(V1EnvVar variable, string podName, string podNamespace)
    {
        var path = variable.ValueFrom.FieldRef?.FieldPath;
        return path switch
        {
            "metadata.name" => podName,
            "metadata.namespace" => podNamespace,
            _ => throw new AssertionException($"env {variable.Name}: only fieldRef metadata.name and metadata.namespace are modelled by this check"),
        };
    }

    private static string Expand(string value, Dictionary<string, string> defined)
        => Reference().Replace(value, match => match.Value == "$$"
            ? "$"
            : defined.TryGetValue(match.Groups["name"].Value, out var found) ? found : match.Value);

    [GeneratedRegex(@"\$\$|\$\((?<name>[A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex Reference();
}
