using DataGuard.Subjects;

namespace DataGuard.Tenants.Lifecycle;

/// <summary>One data subject's export package in a tenant's handover archive, as the archive's signed
/// <c>handover.json</c> lists it.</summary>
/// <param name="Subject">The data subject whose package it is (the package's own manifest names the same subject).</param>
/// <param name="Path">The package's path in the archive, for example <c>subjects/000001.zip</c>.</param>
/// <param name="Length">The package's length in bytes.</param>
/// <param name="Sha256">The SHA-256 of the package's bytes, 64 lower-case hex digits.</param>
public sealed record TenantHandoverPackage(SubjectId Subject, string Path, long Length, string Sha256);
