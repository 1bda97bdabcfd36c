package docgen
import ("fmt";"testing")
func TestZZ(t *testing.T){ r,_:=ConfigReference("../.."); for _,k:=range r.Keys{ if k.Section==nil{continue}; for _,f:=range k.Section.Fields{ if f.Restated{fmt.Println(f.Struct+"."+f.JSON+" | "+ f.Default)}}}}
