package synth

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/stackfile"
)

// testProgram registers a component with one custom child that has a
// secret input, and returns plain, secret and resource-derived outputs.
func testProgram(ctx *pulumi.Context) (pulumi.Map, error) {
	var comp pulumi.ResourceState
	if err := ctx.RegisterComponentResource("test:index:Comp", "comp", &comp); err != nil {
		return nil, err
	}
	var thing pulumi.CustomResourceState
	err := ctx.RegisterResource("test:index:Thing", "thing", pulumi.Map{
		"password": pulumi.ToSecret(pulumi.String("hunter2")),
		"empty":    pulumi.StringArray{},
		"nested":   pulumi.Map{"port": pulumi.Int(443), "on": pulumi.Bool(true)},
	}, &thing, pulumi.Parent(&comp), pulumi.IgnoreChanges([]string{"zeta", "alpha"}))
	if err != nil {
		return nil, err
	}
	return pulumi.Map{
		"plain":   pulumi.String("x"),
		"literal": pulumi.StringMap{"a": pulumi.String("b")},
		"list":    pulumi.StringArray{},
		"secret":  pulumi.ToSecret(pulumi.String("s")),
		"thingId": thing.ID(),
	}, nil
}

func testStack() *stackfile.Stack {
	return &stackfile.Stack{Project: "proj", Name: "test", Config: map[string]string{"aws:region": "eu-west-1"}}
}

func TestRun(t *testing.T) {
	plan, err := Run(testStack(), testProgram)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Project != "proj" || plan.Stack != "test" || len(plan.Resources) != 2 {
		t.Fatalf("plan: %+v", plan)
	}
	comp := plan.OfType("test:index:Comp")[0]
	thing := plan.OfType("test:index:Thing")[0]
	if comp.Parent != "" || comp.ID != "" || comp.Custom {
		t.Errorf("component: parent %q (want \"\": the root stack), id %q, custom %v", comp.Parent, comp.ID, comp.Custom)
	}
	if thing.Parent != comp.URN || !thing.Custom || thing.ID == "" {
		t.Errorf("thing: parent %q, custom %v, id %q", thing.Parent, thing.Custom, thing.ID)
	}
	if want := "urn:pulumi:test::proj::test:index:Comp$test:index:Thing::thing"; thing.URN != want {
		t.Errorf("URN %q, want %q", thing.URN, want)
	}
	if got := thing.Inputs["password"]; got != SecretPlaceholder {
		t.Errorf("secret input printed as %v", got)
	}
	if got := thing.Outputs["password"]; got != SecretPlaceholder {
		t.Errorf("secret output printed as %v", got)
	}
	if got, ok := thing.Inputs["empty"].([]any); !ok || got == nil || len(got) != 0 {
		t.Errorf("empty array printed as %#v", thing.Inputs["empty"])
	}
	if got := thing.Inputs["nested"]; !reflect.DeepEqual(got, map[string]any{"port": 443.0, "on": true}) {
		t.Errorf("nested input %#v", got)
	}
	if !reflect.DeepEqual(thing.IgnoreChanges, []string{"alpha", "zeta"}) {
		t.Errorf("ignoreChanges %v, want sorted", thing.IgnoreChanges)
	}
	for _, list := range [][]string{comp.Dependencies, comp.IgnoreChanges, comp.Aliases, thing.Aliases} {
		if list == nil {
			t.Error("a nil list prints as null")
		}
	}
	want := map[string]any{
		"plain": "x", "literal": map[string]any{"a": "b"}, "list": []any{},
		"secret": SecretPlaceholder, "thingId": thing.ID,
	}
	if !reflect.DeepEqual(plan.Outputs, want) {
		t.Errorf("outputs %#v, want %#v", plan.Outputs, want)
	}
}

func TestRunJSONRoundTrip(t *testing.T) {
	plan, err := Run(testStack(), testProgram)
	if err != nil {
		t.Fatal(err)
	}
	var first, second bytes.Buffer
	if err := plan.WriteJSON(&first); err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSON(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(plan, back) {
		t.Errorf("a plan read back from its JSON differs:\n%#v\n%#v", plan, back)
	}
	again, err := Run(testStack(), testProgram)
	if err != nil {
		t.Fatal(err)
	}
	if err := again.WriteJSON(&second); err != nil {
		t.Fatal(err)
	}
	if first.String() != second.String() {
		t.Errorf("two runs differ:\n%s", Diff(first.Bytes(), second.Bytes(), 2))
	}
}

func TestRunProgramError(t *testing.T) {
	boom := errors.New("invalid stack configuration (1 problem):\n  - x")
	plan, err := Run(testStack(), func(*pulumi.Context) (pulumi.Map, error) { return nil, boom })
	if plan != nil {
		t.Errorf("a failed run returned a plan")
	}
	if !errors.Is(err, boom) || err.Error() != boom.Error() {
		t.Errorf("error %q, want the program's own %q", err, boom)
	}
}

func TestRunSecretConfig(t *testing.T) {
	s := testStack()
	s.Config["proj:token"] = SecretPlaceholder
	s.SecretKeys = []string{"proj:token"}
	var got string
	_, err := Run(s, func(ctx *pulumi.Context) (pulumi.Map, error) {
		got, _ = ctx.GetConfig("proj:token")
		return pulumi.Map{}, nil
	})
	if err != nil || got != SecretPlaceholder {
		t.Errorf("secret config: %q, %v", got, err)
	}
}
