namespace DataGuard.Sample.Web;

/// <summary>A seeded sign-in of the sample: an officer, an auditor (read-only console) or a customer (a data subject).</summary>
public sealed record SampleUser(string UserName, string Password, string DisplayName, string Role, Guid? CustomerId);
