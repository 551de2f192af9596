using System.Reflection;
using Raft3D.Node.Hosting;
using Raft3D.StateMachine;

namespace Raft3D.Tests.Hosts;

/// <summary>
/// The published node is compiled ahead of time (ReadyToRun), but crossgen2 skips every method that holds or passes
/// a type whose layout the runtime may change between versions, and any type with such a field, saying so only
/// with --verbose. Int128 and UInt128 are such types: a fingerprint held as UInt128 left the proposal, the encoder,
/// the apply loop and the snapshot reader to the JIT's unoptimised tier after every start.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class ReadyToRunCompatibilityTests
{
    private static readonly Type[] AbiUnstable = [typeof(Int128), typeof(UInt128)];

    [TestCase(typeof(FarmState), TestName = "The state machine's types hold no Int128 or UInt128")]
    [TestCase(typeof(NodeApplication), TestName = "The node's types hold no Int128 or UInt128")]
    public void No_type_holds_or_passes_an_abi_unstable_type(Type inAssembly)
    {
        const BindingFlags everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var offenders = new List<string>();
        foreach (var type in inAssembly.Assembly.GetTypes())
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

        Assert.That(offenders, Is.Empty, "ReadyToRun compiles none of these; hold the value in types of our own (see RequestFingerprint)");
    }

    private static bool Mentions(Type type)
    {
        var inner = type.HasElementType ? type.GetElementType()! : type;
        return AbiUnstable.Contains(inner) || (inner.IsGenericType && inner.GetGenericArguments().Any(Mentions));
    }
}
