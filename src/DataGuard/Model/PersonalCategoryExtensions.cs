namespace DataGuard.Model;

internal static class PersonalCategoryExtensions
{
    /// <summary>GDPR Art. 9 special categories and Art. 10 criminal-offence data need stronger justification.</summary>
    public static bool IsSpecial(this PersonalCategory category) => category >= PersonalCategory.Health;

    /// <summary>The mask a field gets when it declares <see cref="MaskStyle.Default"/>: cards and ids keep their last
    /// four digits so support staff can match them; everything else reveals nothing.</summary>
    public static MaskStyle DefaultMask(this PersonalCategory category) => category switch
    {
        PersonalCategory.Financial or PersonalCategory.GovernmentId => MaskStyle.Last4,
        PersonalCategory.OnlineIdentifier => MaskStyle.Pseudonym,
        _ => MaskStyle.Erase,
    };
}
