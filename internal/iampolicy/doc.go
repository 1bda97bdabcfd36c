// Package iampolicy derives the IAM policies of a stack's GitHub Actions
// roles from its plan: per resource type the program registers, the
// actions the Terraform AWS provider calls to create, read, update, tag and
// delete it, with the provider file they come from (Types, Lookups); a
// stack's needs read off its plan (NeedsOf); the deploy role's policy,
// scoped by region, account, the stack's tags and, in zones the stack does
// not own, Route 53's record-name and record-type condition keys, and the
// preview role's, reads only (Build); GitHub OIDC trust policies (Trust);
// and an evaluator of IAM's rules that the tests judge policies with
// (Evaluate).
package iampolicy
