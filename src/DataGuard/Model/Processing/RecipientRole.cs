namespace DataGuard.Model.Processing;

/// <summary>What a recipient of personal data is to the controller.</summary>
public enum RecipientRole
{
    /// <summary>A processor acting on the controller's behalf (Art. 28), for example a hosting or e-mail provider.</summary>
    Processor = 0,

    /// <summary>Another controller that decides its own purposes, for example a payment provider or a tax authority.</summary>
    Controller,

    /// <summary>A joint controller (Art. 26).</summary>
    JointController,

    /// <summary>A public authority.</summary>
    PublicAuthority,

    /// <summary>A department of the controller itself.</summary>
    Internal,
}
