namespace Raft3D.Node.Api.Paging;

/// <summary>Which page a list request asks for: rows after position <see cref="After"/> (-1: from the start), at most <see cref="Limit"/>.</summary>
public sealed record PageRequest(int After, int Limit)
{
    public static PageRequest Everything { get; } = new(-1, int.MaxValue);

    public bool IsPaged => Limit != int.MaxValue;
}
