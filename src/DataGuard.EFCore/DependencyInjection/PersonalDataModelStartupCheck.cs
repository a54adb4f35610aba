namespace DataGuard.EFCore.DependencyInjection;

/// <summary>An options type with nothing in it: validating it at start-up builds the personal-data model, so that
/// misused annotations stop the host from starting rather than failing the first request.</summary>
internal sealed class PersonalDataModelStartupCheck
{
}
