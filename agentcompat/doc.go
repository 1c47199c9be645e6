// Package agentcompat is the agents' wire: what an OCS, FusionInventory or
// GLPI agent puts in the body of a POST to /ocsinventory, and what it expects
// back.
//
//   - Decode sniffs the body (zlib, gzip or plain XML), inflates it under
//     Limits that stop a decompression bomb early, and reports the encoding so
//     the reply can use the same one (Encode).
//   - ToUTF8 turns whatever charset the agent used into UTF-8, repairing
//     latin-1 bytes inside documents that claim UTF-8 and dropping characters
//     XML 1.0 forbids.
//   - UserAgentPolicy decides which agents may open a session (PROLOG).
//   - Reply builds the REPLY documents the OCS server sends.
//
// Failures carry inventory error codes: an undecodable body is
// inventory.Invalid, a body over a cap inventory.TooLarge.
package agentcompat
