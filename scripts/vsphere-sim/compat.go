package main

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
)

// schema is what the client (vijava) knows of the vSphere API, read from a file that Basket's tests
// write from vijava's classes by reflection, one line each:
//
//	t TYPE SUPERTYPE     a data type and its super type ("-" for none)
//	f TYPE FIELD FTYPE   a field of a data type and the field's type (element type for arrays)
//	m METHOD RTYPE       what a method returns ("-" for nothing)
//
// The simulator answers with vSphere 6.5 data; vijava's parser throws on any element it has no field
// for, and reads the first attribute named "type" of an object reference, where the simulator writes
// xsi:type first. rewrite drops what the client does not know and puts "type" before "xsi:type".
type schema struct {
	super   map[string]string
	fields  map[string]map[string]string
	returns map[string]string
}

const polymorphic = "*"

func loadSchema(path string) (*schema, error) {
	if path == "" {
		return nil, nil
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	s := &schema{super: map[string]string{}, fields: map[string]map[string]string{}, returns: map[string]string{}}
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		parts := strings.Fields(scanner.Text())
		switch {
		case len(parts) == 3 && parts[0] == "t":
			s.super[parts[1]] = parts[2]
		case len(parts) == 4 && parts[0] == "f":
			if s.fields[parts[1]] == nil {
				s.fields[parts[1]] = map[string]string{}
			}
			s.fields[parts[1]][parts[2]] = parts[3]
		case len(parts) == 3 && parts[0] == "m":
			s.returns[parts[1]] = parts[2]
		case len(parts) == 0:
		default:
			return nil, fmt.Errorf("bad schema line %q", scanner.Text())
		}
	}
	return s, scanner.Err()
}

func (s *schema) knows(typeName string) bool {
	_, ok := s.super[typeName]
	return ok
}

// field gives the type of a field of typeName or of one of its super types.
func (s *schema) field(typeName, name string) (string, bool) {
	for t := typeName; t != "-" && t != ""; t = s.super[t] {
		if f, ok := s.fields[t][name]; ok {
			return f, true
		}
	}
	return "", false
}

// frame is an open element: its data type ("" when nothing is checked inside it).
type frame struct {
	typeName string
	response string
}

func (s *schema) rewrite(in []byte) ([]byte, error) {
	decoder := xml.NewDecoder(bytes.NewReader(in))
	var out bytes.Buffer
	var stack []frame
	skipping := 0
	for {
		token, err := decoder.RawToken()
		if err == io.EOF {
			return out.Bytes(), nil
		}
		if err != nil {
			return nil, err
		}
		switch t := token.(type) {
		case xml.StartElement:
			if skipping > 0 {
				skipping++
				continue
			}
			f, keep := s.enter(stack, t)
			if !keep {
				skipping = 1
				continue
			}
			stack = append(stack, f)
			writeStart(&out, t)
		case xml.EndElement:
			if skipping > 0 {
				skipping--
				continue
			}
			stack = stack[:len(stack)-1]
			out.WriteString("</" + qname(t.Name) + ">")
		case xml.CharData:
			if skipping == 0 && len(stack) > 0 {
				out.WriteString(escape(string(t)))
			}
		case xml.ProcInst:
			out.WriteString("<?" + t.Target + " " + string(t.Inst) + "?>")
		}
	}
}

// enter decides whether the client knows an element, and what type it has.
func (s *schema) enter(stack []frame, e xml.StartElement) (frame, bool) {
	declared := xsiType(e)
	if len(stack) == 0 {
		return frame{}, true
	}
	parent := stack[len(stack)-1]
	if parent.typeName == "" && parent.response == "" {
		if strings.HasSuffix(e.Name.Local, "Response") && len(stack) == 2 {
			return frame{response: strings.TrimSuffix(e.Name.Local, "Response")}, true
		}
		return frame{}, true
	}
	var typeName string
	if parent.response != "" {
		typeName = s.returns[parent.response]
	} else if strings.HasPrefix(parent.typeName, "ArrayOf") {
		typeName = strings.TrimPrefix(parent.typeName, "ArrayOf")
	} else {
		field, ok := s.field(parent.typeName, e.Name.Local)
		if !ok {
			return frame{}, false
		}
		typeName = field
	}
	if declared != "" {
		if !s.knows(declared) && !strings.HasPrefix(declared, "ArrayOf") && !isBasic(declared) {
			return frame{}, false
		}
		if strings.HasPrefix(declared, "ArrayOf") && !isBasic(strings.TrimPrefix(declared, "ArrayOf")) &&
			!s.knows(strings.TrimPrefix(declared, "ArrayOf")) {
			return frame{}, false
		}
		typeName = declared
	}
	if isBasic(typeName) || typeName == polymorphic || typeName == "ManagedObjectReference" {
		return frame{typeName: ""}, true
	}
	return frame{typeName: typeName}, true
}

func isBasic(t string) bool {
	switch strings.ToLower(strings.TrimPrefix(t, "xsd:")) {
	case "string", "int", "integer", "long", "short", "byte", "boolean", "float", "double", "datetime", "calendar",
		"base64binary", "anytype", "anyuri":
		return true
	}
	return false
}

func xsiType(e xml.StartElement) string {
	for _, a := range e.Attr {
		if isXsiType(a) {
			if i := strings.Index(a.Value, ":"); i >= 0 {
				return a.Value[i+1:]
			}
			return a.Value
		}
	}
	return ""
}

// writeStart writes an element with the attributes of other prefixes first, so that an object
// reference's "type" comes before its "xsi:type".
func writeStart(out *bytes.Buffer, e xml.StartElement) {
	out.WriteString("<" + qname(e.Name))
	for pass := 0; pass < 2; pass++ {
		for _, a := range e.Attr {
			if isXsiType(a) == (pass == 1) {
				out.WriteString(" " + qname(a.Name) + "=\"" + escape(a.Value) + "\"")
			}
		}
	}
	out.WriteString(">")
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;")

func escape(text string) string {
	return escaper.Replace(text)
}

// isXsiType tells xsi:type, whatever its prefix (Go's encoder writes XMLSchema-instance:type for
// interface values): in these answers only xsi's "type" is a prefixed one.
func isXsiType(a xml.Attr) bool {
	return a.Name.Space != "" && a.Name.Space != "xmlns" && a.Name.Local == "type"
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}
