package testprovider

import (
	"context"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/internal/replace"
)

// Version is the pulumi-aws version the plugin answers as: the SDK's.
const Version = "6.83.4"

// Server is the provider. Its zero value is not usable; use New.
type Server struct {
	pulumirpc.UnimplementedResourceProviderServer
	account string

	mu     sync.Mutex
	region string
}

// New returns a provider whose account is the file at accountPath.
func New(accountPath string) *Server {
	return &Server{account: accountPath, region: awsmock.DefaultRegion}
}

// recordType is the type whose creates and updates Route53 may refuse
// (route53.go).
const recordType = "aws:route53/record:Record"

var marshal = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true, KeepOutputValues: false}

func (s *Server) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

func (s *Server) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{Schema: `{"name":"aws","version":"` + Version + `"}`}, nil
}

func (s *Server) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (s *Server) DiffConfig(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, news, err := diffInputs(req)
	if err != nil {
		return nil, err
	}
	if changed := ChangedPaths(olds, news); len(changed) > 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_SOME, Diffs: changed}, nil
	}
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

// Configure takes the region from the provider's inputs (a default
// provider's are the stack's aws: keys).
func (s *Server) Configure(_ context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	if region := req.GetArgs().GetFields()["region"].GetStringValue(); region != "" {
		s.mu.Lock()
		s.region = region
		s.mu.Unlock()
	}
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true, AcceptResources: true}, nil
}

// Check takes the inputs as given: names the real provider would generate
// are computed outputs here (awsmock), from the URN and the inputs that
// force a replacement, so a replacement gets a new name too.
func (s *Server) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

// Diff compares the old inputs with the new and asks for a replacement when
// a property the provider cannot change in place (replace.Rules) changed.
func (s *Server) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, news, err := diffInputs(req)
	if err != nil {
		return nil, err
	}
	changed := ChangedPaths(olds, news)
	if len(changed) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	typ := string(resource.URN(req.GetUrn()).Type())
	return &pulumirpc.DiffResponse{
		Changes:  pulumirpc.DiffResponse_DIFF_SOME,
		Diffs:    topLevel(changed),
		Replaces: replace.ForcesReplacement(typ, changed),
	}, nil
}

// Create makes the resource in the account; a record first passes
// Route53's checks against the record sets the account holds (createRecord).
func (s *Server) Create(_ context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	inputs, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	if req.GetPreview() {
		// Computed outputs stay absent: the program sees them as unknown.
		return &pulumirpc.CreateResponse{Properties: req.GetProperties()}, nil
	}
	urn := resource.URN(req.GetUrn())
	var id string
	var outputs resource.PropertyMap
	err = UpdateAccount(s.account, func(a *Account) error {
		if urn.Type() == recordType {
			if err := a.createRecord(inputs); err != nil {
				return err
			}
		}
		var err error
		id, outputs, err = s.monitor(a, urn).Provide(string(urn), string(urn.Type()), inputs)
		if err != nil {
			return err
		}
		if urn.Type() == webAclAssociationType {
			a.associate(inputs)
		}
		return a.store(string(urn.Type()), id, inputs, outputs)
	})
	if err != nil {
		return nil, err
	}
	props, err := plugin.MarshalProperties(outputs, marshal)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: props}, nil
}

// Read answers import and refresh from the account: a resource that is not
// there reads as gone (an empty ID).
func (s *Server) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	typ := string(resource.URN(req.GetUrn()).Type())
	a, err := ReadAccount(s.account)
	if err != nil {
		return nil, err
	}
	st, ok := a.Resources[Key(typ, req.GetId())]
	if !ok {
		return &pulumirpc.ReadResponse{}, nil
	}
	inputs, outputs := &structpb.Struct{}, &structpb.Struct{}
	if err := protojson.Unmarshal(st.Inputs, inputs); err != nil {
		return nil, err
	}
	if err := protojson.Unmarshal(st.Outputs, outputs); err != nil {
		return nil, err
	}
	return &pulumirpc.ReadResponse{Id: st.ID, Properties: outputs, Inputs: inputs}, nil
}

// Update keeps the resource's ID and recomputes its state from the new
// inputs; a record's set in the account follows them (updateRecord).
func (s *Server) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	if req.GetPreview() {
		return &pulumirpc.UpdateResponse{Properties: req.GetNews()}, nil
	}
	oldStruct := req.GetOldInputs()
	if oldStruct == nil {
		oldStruct = req.GetOlds()
	}
	olds, err := unmarshal(oldStruct)
	if err != nil {
		return nil, err
	}
	urn := resource.URN(req.GetUrn())
	typ := string(urn.Type())
	var outputs resource.PropertyMap
	err = UpdateAccount(s.account, func(a *Account) error {
		if typ == recordType {
			if err := a.updateRecord(req.GetId(), olds, news); err != nil {
				return err
			}
		}
		var err error
		_, outputs, err = s.monitor(a, urn).Provide(string(urn), typ, news)
		if err != nil {
			return err
		}
		if old, ok := a.Resources[Key(typ, req.GetId())]; ok {
			keepIdentity(old, outputs)
		}
		a.forget(typ, req.GetId())
		return a.store(typ, req.GetId(), news, outputs)
	})
	if err != nil {
		return nil, err
	}
	props, err := plugin.MarshalProperties(outputs, marshal)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: props}, nil
}

// Delete removes the resource from the account, with what AWS does around
// it (deleting, waf.go): an association's delete disassociates the load
// balancer from whatever web ACL it has now, and a security group an
// instance holds is refused.
func (s *Server) Delete(_ context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	typ := string(resource.URN(req.GetUrn()).Type())
	state, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	err = UpdateAccount(s.account, func(a *Account) error {
		if err := a.deleting(typ, req.GetId(), state); err != nil {
			return err
		}
		a.forget(typ, req.GetId())
		return nil
	})
	return &emptypb.Empty{}, err
}

// Invoke answers a data source from the account.
func (s *Server) Invoke(_ context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	a, err := ReadAccount(s.account)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	region := s.region
	s.mu.Unlock()
	out, err := a.Monitor("", "", region).Invoke(req.GetTok(), args)
	if err != nil {
		return &pulumirpc.InvokeResponse{Failures: []*pulumirpc.CheckFailure{{Reason: err.Error()}}}, nil
	}
	ret, err := plugin.MarshalProperties(out, marshal)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: ret}, nil
}

func (s *Server) monitor(a *Account, urn resource.URN) *awsmock.Monitor {
	s.mu.Lock()
	defer s.mu.Unlock()
	return a.Monitor(urn.Project().String(), urn.Stack().String(), s.region)
}
