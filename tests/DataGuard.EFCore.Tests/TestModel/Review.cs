using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Anonymised on erasure, so the ratings stay for statistics.</summary>
[Erasure(ErasureAction.Anonymize)]
public class Review
{
    public int Id { get; set; }
    [DataSubject] public Guid? AuthorId { get; set; }
    [Personal(Encrypt = false)] public string Text { get; set; } = "";
    public int Stars { get; set; }
}
