using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Raft3D.Node.Hosting;
using Raft3D.StateMachine;

namespace Raft3D.Tests.Hosts;

/// <summary>
/// The published node is compiled ahead of time (ReadyToRun), but crossgen2 treats the ABI of Int128 and UInt128
/// as unstable: it precompiles no method that has one, or a type with such a field, in its own signature or in a
/// callee's, and says so only with --verbose. A fingerprint held as UInt128 left the proposal, the encoder, the
/// apply loop and the snapshot reader to the JIT's unoptimised tier after every start.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class ReadyToRunCompatibilityTests
{
    private static readonly Type[] AbiUnstable = [typeof(Int128), typeof(UInt128)];

    [TestCase(typeof(FarmState), TestName = "The state machine refers to no Int128 or UInt128")]
    [TestCase(typeof(NodeApplication), TestName = "The node refers to no Int128 or UInt128")]
    public void No_code_refers_to_an_abi_unstable_type(Type inAssembly)
    {
        // Any use at all (a local, a call, a generic argument) shows in the assembly's type references; the
        // declarations below then say where, when it is a signature or a field.
        Assert.Multiple(() =>
        {
            Assert.That(ReferencedTypes(inAssembly.Assembly).Intersect(AbiUnstable.Select(t => t.FullName)), Is.Empty,
                "crossgen2 precompiles no method that calls with these; hold such values in types of our own (see RequestFingerprint)");
            Assert.That(DeclarationsMentioning(inAssembly.Assembly), Is.Empty,
                "crossgen2 precompiles no method with these in its signature, nor one that passes a type with such a field");
        });
    }

    private static List<string> ReferencedTypes(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        return metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Select(reference => $"{metadata.GetString(reference.Namespace)}.{metadata.GetString(reference.Name)}")
            .ToList();
    }

    private static List<string> DeclarationsMentioning(Assembly assembly)
    {
        const BindingFlags everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var offenders = new List<string>();
        foreach (var type in assembly.GetTypes())
        {
            offenders.AddRange(type.GetFields(everything).Where(f => Mentions(f.FieldType)).Select(f => $"{type.FullName}.{f.Name}"));
            foreach (var method in type.GetMethods(everything).Cast<MethodBase>().Concat(type.GetConstructors(everything)))
            {
                var types = method.GetParameters().Select(p => p.ParameterType);
                if (method is MethodInfo { ReturnType: var returned })
                {
                    types = types.Append(returned);
                }

                if (types.Any(Mentions))
                {
                    offenders.Add($"{type.FullName}.{method.Name}");
                }
            }
        }

        return offenders;
    }

    private static bool Mentions(Type type)
        => type.HasElementType
            ? Mentions(type.GetElementType()!)
            : AbiUnstable.Contains(type) || (type.IsGenericType && type.GetGenericArguments().Any(Mentions));
}
