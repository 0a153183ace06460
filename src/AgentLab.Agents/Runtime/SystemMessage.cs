namespace AgentLab.Agents.Runtime;

/// <summary>
/// Runtime-to-runtime commands and facts. They travel in a separate unbounded queue that the actor drains
/// before each user message, so lifecycle and supervision never wait behind a full mailbox.
/// </summary>
internal abstract record SystemMessage;
